fn main() {
    println!("wenshu-lint");
}
