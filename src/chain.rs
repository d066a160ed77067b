//! Building certificate chains the way keytool does: from a certificate up through issuers
//! found in a pool (a keystore's certificates, and cacerts when asked), each one verifying
//! the signature of the one below, until a self-signed root.

use crate::cert::Certificate;

/// The chain from `start` up to a self-signed certificate, `start` first, using issuers from
/// `pool`; `None` when no complete chain exists. Like keytool's `buildChain`, it backtracks
/// when an issuer leads nowhere.
pub fn build_chain(start: &Certificate, pool: &[&Certificate]) -> Option<Vec<Certificate>> {
    let mut chain = vec![start.clone()];
    extend(&mut chain, pool).then_some(chain)
}

fn extend(chain: &mut Vec<Certificate>, pool: &[&Certificate]) -> bool {
    let Some(top) = chain.last().cloned() else {
        return false;
    };
    if top.is_self_signed() {
        return true;
    }
    // A chain can never be longer than the pool it is built from; this also ends loops.
    if chain.len() > pool.len() {
        return false;
    }
    for issuer in pool.iter().filter(|c| top.is_signed_by(c)) {
        if chain.iter().any(|c| c == *issuer) {
            continue;
        }
        chain.push((*issuer).clone());
        if extend(chain, pool) {
            return true;
        }
        chain.pop();
    }
    false
}
