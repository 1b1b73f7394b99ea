//! The `threshold` program: natively the command line and the desktop window (`cli`); built
//! for wasm32, the browser client (see `web/build.sh`).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    threshold::client::web::start();
}
