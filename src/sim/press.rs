//! Press: results are out; publics react. Victims of incidents that still run feel pressure
//! to act; the ladder is re-read with the turn's new incidents.

use bevy::prelude::*;

use super::Press;
use super::actors::Actors;
use super::incidents::{Incident, IncidentStatus, reassess_ladder};
use crate::scenario::Var;

/// Domestic pressure rises on a state while an incident against it goes on.
pub fn public_pressure(mut actors: Actors, incidents: Query<&Incident>) {
    let mut hit: Vec<_> = incidents
        .iter()
        .filter(|i| i.status == IncidentStatus::Active && i.public && i.discovered)
        .map(|i| (i.target, i.severity))
        .collect();
    hit.sort();
    for (target, severity) in hit {
        actors.add(target, Var::DomesticPressure, severity as i32);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Press, (public_pressure, reassess_ladder).chain());
}
