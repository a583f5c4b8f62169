#!/usr/bin/env python3
"""wenshu-lint on Apache Spark: the same checks over an archive in HDFS, an object store or a
local folder, on the engine a province's operators already run.

    spark-submit scripts/spark_check.py INPUT OUTPUT [options] [-- wenshu-lint check options]

INPUT   a folder (walked recursively) or glob Spark's binaryFiles understands (hdfs://, s3a://, file:)
OUTPUT  a folder: results as Parquet (default) or JSONL (--output-format jsonl), one row per
        document; a summary by code is printed at the end
options
  --binary PATH          the wenshu-lint binary (default: target/release/wenshu-lint, else on PATH);
                         it is shipped to the executors with SparkContext.addFile
  --partitions N         minimum number of partitions (default: Spark's)
  --output-format F      parquet | jsonl
  --master URL           when not given by spark-submit (e.g. local[2])
Everything after "--" goes to `wenshu-lint check --stdin-jsonl` unchanged (--profile public,
--select EX,PW, --config FILE, --jobs N …).

How it works: binaryFiles(INPUT) gives (path, bytes) pairs; each partition starts ONE wenshu-lint
process with --stdin-jsonl, writes {"path", "data": base64} lines to it on a thread and reads one
result line per document back (the files[] object of the JSON contract, in input order). Nothing
is written to disk but the results; a document that cannot be read is a row with its READ code.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import threading

# the extensions `wenshu-lint check DIR` walks (src/batch.rs EXTENSIONS); a test keeps them equal
EXTENSIONS = ('.docx', '.pdf', '.txt', '.htm', '.html', '.doc', '.wps', '.ofd', '.rtf', '.odt')


def parse_args(argv):
    if '--' in argv:
        i = argv.index('--')
        argv, passthrough = argv[:i], argv[i + 1:]
    else:
        passthrough = []
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('input')
    p.add_argument('output')
    p.add_argument('--binary')
    p.add_argument('--partitions', type=int)
    p.add_argument('--output-format', choices=['parquet', 'jsonl'], default='parquet')
    p.add_argument('--master')
    a = p.parse_args(argv)
    a.passthrough = passthrough
    return a


def find_binary(given):
    if given:
        return os.path.abspath(given)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for cand in (os.path.join(here, 'target', 'release', 'wenshu-lint'),
                 shutil.which('wenshu-lint')):
        if cand and os.path.exists(cand):
            return cand
    sys.exit('spark_check.py: wenshu-lint binary not found (build it: cargo build --release, or --binary PATH)')


def local_path(uri):
    """file:/a/b → /a/b (other schemes are kept: the path is only a name in the results)."""
    if uri.startswith('file://'):
        return uri[len('file://'):]
    if uri.startswith('file:'):
        return uri[len('file:'):]
    return uri


def lint_partition(binary_name, extra):
    def run(pairs):
        from pyspark import SparkFiles
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        proc = subprocess.Popen([binary, 'check', '--stdin-jsonl', *extra],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        sent = [0]

        def feed():
            try:
                for path, data in pairs:
                    line = json.dumps({'path': local_path(path),
                                       'data': base64.b64encode(data).decode('ascii')})
                    proc.stdin.write(line.encode('utf-8') + b'\n')
                    sent[0] += 1
            finally:
                proc.stdin.close()

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        got = 0
        for line in proc.stdout:
            got += 1
            yield line.decode('utf-8')
        t.join()
        code = proc.wait()
        # 0 clean, 1 findings, 2 an unreadable document (reported in its row): all normal
        if code not in (0, 1, 2) or got != sent[0]:
            raise RuntimeError(f'wenshu-lint exited {code} after {got} of {sent[0]} results')
    return run


def row(line):
    v = json.loads(line)
    doc = v.get('document') or {}
    err = v.get('error') or {}
    diags = v.get('diagnostics') or []
    return {
        'path': v['path'],
        'format': v.get('format'),
        'kind': doc.get('kind'),
        'case_kind': doc.get('case_kind'),
        'case_number': doc.get('case_number'),
        'date': doc.get('date'),
        'error_code': err.get('code'),
        'error_message': err.get('message'),
        'codes': [d['code'] for d in diags],
        'findings': len(diags),
        'result': line.rstrip('\n'),
    }


def main(argv):
    a = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    b = SparkSession.builder.appName('wenshu-lint')
    if a.master:
        b = b.master(a.master)
    spark = b.config('spark.ui.enabled', 'false').getOrCreate()
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set('mapreduce.input.fileinputformat.input.dir.recursive', 'true')
    binary = find_binary(a.binary)
    sc.addFile(binary)
    name = os.path.basename(binary)
    inp = a.input
    if '://' not in inp and not inp.startswith('file:'):
        inp = 'file://' + os.path.abspath(inp)
    files = sc.binaryFiles(inp, a.partitions) if a.partitions else sc.binaryFiles(inp)
    # skip what `check DIR` skips: other extensions, Word lock files, hidden files
    files = files.filter(lambda kv: kv[0].lower().endswith(EXTENSIONS)
                         and not os.path.basename(kv[0]).startswith(('~$', '.')))
    # kept: the results are written and summarised from one run of the linter, not two
    lines = files.mapPartitions(lint_partition(name, a.passthrough)).persist(StorageLevel.MEMORY_AND_DISK)
    rows = lines.map(row)
    if a.output_format == 'jsonl':
        lines.map(lambda l: l.rstrip('\n')).saveAsTextFile(a.output)
        stats = rows.map(lambda r: (r['codes'], r['error_code'])).collect()
    else:
        from pyspark.sql import Row
        df = spark.createDataFrame(rows.map(lambda r: Row(**r)))
        df.write.mode('overwrite').parquet(a.output)
        stats = [(r['codes'], r['error_code']) for r in
                 spark.read.parquet(a.output).select('codes', 'error_code').collect()]
    by_code, errors = {}, {}
    for codes, err in stats:
        for c in codes:
            by_code[c] = by_code.get(c, 0) + 1
        if err:
            errors[err] = errors.get(err, 0) + 1
    print(json.dumps({'files': len(stats), 'by_code': dict(sorted(by_code.items())),
                      'errors_by_code': dict(sorted(errors.items()))}, ensure_ascii=False))
    spark.stop()


if __name__ == '__main__':
    main(sys.argv[1:])
