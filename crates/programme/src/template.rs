//! Copying a design as the template for a new programme.

use crate::ProgrammeDesign;

/// The same phases and modules with a fresh id for every module, so completions recorded
/// against the original never count for the copy. Awarded achievements are kept: a copy of a
/// programme usually awards the same credentials.
pub fn copy_as_template(
    design: &ProgrammeDesign,
    mut new_ids: impl FnMut() -> String,
) -> ProgrammeDesign {
    let mut copy = design.clone();
    for phase in &mut copy.phases {
        for module in &mut phase.modules {
            module.id = new_ids();
        }
    }
    copy
}
