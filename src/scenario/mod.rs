//! The scenario format (RON): schema, the one loader, and validation.

mod load;
pub mod places;
pub mod schema;
mod terms;
pub mod validate;

pub use load::{
    Diagnostic, MAX_NESTING, MAX_SCENARIO_BYTES, ScenarioErrors, line_col, load_file, parse,
};
pub use places::Place;
pub use schema::*;
pub use validate::power_for;

/// A seat's role where its actor's name is shown beside it: without the name when the
/// scenario begins the role with it ("Northland: the victim ally" beside "Northland").
pub fn role_beside_name<'a>(role: &'a str, name: &str) -> &'a str {
    role.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
        .unwrap_or(role)
}

/// "Name: role", saying the name once.
pub fn seat_title(name: &str, role: &str) -> String {
    format!("{name}: {}", role_beside_name(role, name))
}

/// The scenarios that ship with Threshold, as `(file, text)`: built in so that every program
/// has them, the browser client included, which has no files. The one list of them; the
/// library, the tests and the map read it.
pub const SHIPPED: [(&str, &str); 4] = [
    (
        "scenarios/estonia_2007.ron",
        include_str!("../../scenarios/estonia_2007.ron"),
    ),
    (
        "scenarios/eu_cyber_sanctions.ron",
        include_str!("../../scenarios/eu_cyber_sanctions.ron"),
    ),
    (
        "scenarios/nato_article5.ron",
        include_str!("../../scenarios/nato_article5.ron"),
    ),
    (
        "scenarios/albania_2022.ron",
        include_str!("../../scenarios/albania_2022.ron"),
    ),
];

/// A shipped scenario's name: its file's stem (`estonia_2007`).
pub fn shipped_name(file: &str) -> &str {
    file.trim_start_matches("scenarios/")
        .trim_end_matches(".ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_that_begins_with_its_name_does_not_say_it_twice() {
        assert_eq!(
            seat_title("Northland", "Northland: the victim ally"),
            "Northland: the victim ally"
        );
        assert_eq!(
            seat_title("هولندا", "هولندا: وزير الخارجية"),
            "هولندا: وزير الخارجية"
        );
        assert_eq!(
            seat_title("Estonia", "Government of Estonia"),
            "Estonia: Government of Estonia"
        );
        // A name that only begins the role's first word is kept, and so is a bare name.
        assert_eq!(
            role_beside_name("Northlanders' council", "Northland"),
            "Northlanders' council"
        );
        assert_eq!(role_beside_name("Northland:", "Northland"), "Northland:");
    }

    #[test]
    fn the_shipped_scenarios_name_each_seat_once() {
        for (file, source) in SHIPPED {
            let sc = parse(source, file).expect("shipped scenario loads");
            for seat in &sc.seats {
                let actor = sc.actors.iter().find(|a| a.id == seat.actor).unwrap();
                for lang in ["en", "ar"] {
                    let name = actor.name.get(lang);
                    // What follows the name must not begin as the name does.
                    let first_word = name.split(' ').next().unwrap_or(name);
                    let role = role_beside_name(seat.role.get(lang), name);
                    assert!(!role.starts_with(first_word), "{name}: {role}");
                }
            }
        }
    }
}
