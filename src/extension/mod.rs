//! Certificate extensions as typed values: read from certificates and requests, and built
//! into new ones.

mod decode;
mod encode;
mod general_name;
mod model;

pub(crate) use encode::ordered;
pub use general_name::GeneralName;
pub(crate) use model::oids;
pub use model::{
    AccessDescription, DistributionPoint, DistributionPointName, Extension, GeneralSubtree,
    KeyUsage, PolicyInformation,
};
