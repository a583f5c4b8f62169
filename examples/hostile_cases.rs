//! Write the hostile-input cases of `tests/hostile/gen.rs` to a folder, to try them by hand:
//! `cargo run --release --example hostile_cases -- /tmp/hostile` then
//! `wenshu-lint check --format json /tmp/hostile`.

#[path = "../tests/hostile/gen.rs"]
mod gen;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "hostile-cases".into());
    std::fs::create_dir_all(&dir).expect("create the folder");
    for case in gen::cases() {
        let path = std::path::Path::new(&dir).join(case.file);
        std::fs::write(&path, &case.bytes).expect("write a case");
        println!(
            "{:10} B  {:?}  {}  {}",
            case.bytes.len(),
            case.expect,
            path.display(),
            case.name
        );
    }
}
