//! The field procedures' certificate exchange in one run (see `javakeystore::exchange`):
//!
//! ```text
//! exchange plan    inventory.toml [--format json] [--out DIR]
//! exchange apply   inventory.toml [--regenerate] [--out DIR]
//! exchange verify  inventory.toml
//! ```
//!
//! Exit status: 0 done (or, for `verify`, every trust in place); 1 a server failed or
//! trusts are missing; 2 the command line or the inventory is wrong (nothing touched).

// A binary: `pub` items in its modules are for its other modules.
#![allow(unreachable_pub)]

mod inventory;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use javakeystore::Timestamp;
use javakeystore::exchange::{self, ApplyOptions};
use javakeystore::fleet::CheckPolicy;

const USAGE: &str = "usage: exchange plan|apply|verify INVENTORY.toml [--format text|json] [--out DIR] [--regenerate]";

struct Args {
    command: String,
    inventory: PathBuf,
    json: bool,
    out: Option<PathBuf>,
    regenerate: bool,
}

fn parse(argv: &[String]) -> Result<Args, String> {
    let mut rest = argv.iter();
    let command = rest.next().ok_or(USAGE)?.clone();
    if !["plan", "apply", "verify"].contains(&command.as_str()) {
        return Err(format!("unknown command {command:?}\n{USAGE}"));
    }
    let mut args = Args {
        command,
        inventory: PathBuf::new(),
        json: false,
        out: None,
        regenerate: false,
    };
    while let Some(a) = rest.next() {
        // keytool's single-dash spelling is accepted too.
        let flag = match a.strip_prefix('-') {
            Some(name) if !name.starts_with('-') => format!("--{name}"),
            _ => a.clone(),
        };
        match flag.as_str() {
            "--format" => match rest.next().map(String::as_str) {
                Some("json") => args.json = true,
                Some("text") => args.json = false,
                other => return Err(format!("--format takes text or json, not {other:?}")),
            },
            "--out" => args.out = Some(rest.next().ok_or("--out needs a folder")?.into()),
            "--regenerate" if args.command == "apply" => args.regenerate = true,
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ if args.inventory.as_os_str().is_empty() => args.inventory = a.into(),
            _ => return Err(format!("unexpected {a:?}\n{USAGE}")),
        }
    }
    if args.inventory.as_os_str().is_empty() {
        return Err(USAGE.to_owned());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let inv = match inventory::load(&args.inventory) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| inv.base.join("exchange-out"));
    let policy = CheckPolicy::new(Timestamp::now());
    let ok = match args.command.as_str() {
        "plan" => {
            let plan = exchange::plan(&inv, &out, &policy);
            if args.json {
                println!("{}", exchange::plan_json(&plan).to_text());
            } else {
                print!("{}", exchange::plan_text(&plan));
            }
            plan.problems.is_empty()
        }
        "apply" => {
            let mut options = ApplyOptions::new(&out);
            options.regenerate = args.regenerate;
            let report = exchange::apply(&inv, &options);
            print!("{}", exchange::plan_text(&report.plan));
            print!("{}", exchange::apply_text(&report));
            report.is_success()
        }
        _ => verify(&inv, &out, &policy),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn verify(inv: &exchange::Inventory, out: &Path, policy: &CheckPolicy) -> bool {
    let plan = exchange::plan(inv, out, policy);
    let missing = exchange::missing(&plan);
    for row in &missing {
        println!(
            "missing {} <{}> in {} ({} from {}: {})",
            row.target,
            row.alias,
            row.location.display(),
            row.what,
            row.source,
            row.action.name()
        );
    }
    for p in &plan.problems {
        println!("problem {}: {}", p.server, p.message);
    }
    let ok = missing.is_empty() && plan.problems.is_empty();
    if ok {
        println!("every trust in place ({} certificates)", plan.rows.len());
    }
    ok
}
