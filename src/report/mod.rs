//! The after-action report: timeline, each seat's decisions with the norms and law they
//! touched, escalation, tension and trust over the turns (SVG), and which objectives and
//! learning objectives were met, with the reason. Markdown and a self-contained HTML page.
//!
//! The chart is a few lines of SVG written here: a plotting crate would add build time and
//! font handling for three polylines.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::scenario::Condition;
use crate::sim::catalog::Catalog;
use crate::sim::exercise::Exercise;
use crate::sim::incidents::{Authorship, Incident, IncidentIndex, IncidentStatus};
use crate::sim::outcome::{History, TurnSample};
use crate::sim::record::{Chronicle, Decisions, NormLedger, Resolved, Verdict, Visibility};

/// Everything the report shows, gathered once from the exercise (the whole truth: the
/// debrief reveals hidden authors).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub title: String,
    pub period: String,
    pub seed: u64,
    pub turn: u32,
    pub turns: u32,
    pub ended: bool,
    pub ending: Option<(String, String)>,
    pub timeline: Vec<(u32, String, String)>,
    pub seats: Vec<SeatReport>,
    pub incidents: Vec<IncidentReport>,
    pub history: Vec<TurnSample>,
    pub learning: Vec<(String, bool, String)>,
    pub state_hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatReport {
    pub seat: String,
    pub actor: String,
    pub role: String,
    pub decisions: Vec<DecisionLine>,
    pub objectives: Vec<(String, bool, String)>,
    /// (norm id, upheld, strained, breached)
    pub norms: Vec<(String, usize, usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub turn: u32,
    pub order: String,
    pub resolved: Resolved,
    pub reason: String,
    pub norms: Vec<String>,
    pub law: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    pub name: String,
    pub kind: String,
    pub target: String,
    pub author: String,
    pub level: String,
    pub reason: String,
    pub started: Option<u32>,
}

impl Debrief {
    /// Period, seed and progress, as both formats print them under the title.
    pub fn byline(&self) -> String {
        let state = if self.ended { "ended" } else { "in progress" };
        format!(
            "{} · seed {} · turn {} of {} · {state}",
            self.period, self.seed, self.turn, self.turns
        )
    }

    pub fn of(ex: &Exercise) -> Self {
        let w = ex.world();
        let c = w.resource::<Catalog>();
        let sc = &c.scenario;
        let outcome = ex.outcome();
        let decisions = w.resource::<Decisions>();
        let ledger = w.resource::<NormLedger>();
        let timeline = w
            .resource::<Chronicle>()
            .0
            .iter()
            .map(|e| {
                let who = match e.visibility {
                    Visibility::Public => "public".to_string(),
                    Visibility::Actors(set) => set
                        .iter()
                        .map(|a| c.actor_key(a))
                        .collect::<Vec<_>>()
                        .join(", "),
                    Visibility::Control => "control".to_string(),
                };
                (e.turn, e.text.clone(), who)
            })
            .collect();
        let seats = sc
            .seats
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let a = c.seat_actor(i);
                let decisions = decisions
                    .0
                    .iter()
                    .filter(|d| d.actor == a)
                    .map(|d| DecisionLine {
                        turn: d.turn,
                        order: describe_order(&d.order),
                        resolved: d.resolved,
                        reason: d.reason.clone(),
                        norms: d
                            .norms
                            .iter()
                            .map(|m| format!("{} {}: {}", m.norm.id(), m.verdict.name(), m.reason))
                            .collect(),
                        law: d.law.clone(),
                    })
                    .collect();
                let met = outcome.objectives.get(i).cloned().unwrap_or_default();
                let objectives = s
                    .objectives
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        let ok = met.get(k).copied().unwrap_or(false);
                        (
                            o.text.en.clone(),
                            ok,
                            format!(
                                "{} {}",
                                describe(&o.condition),
                                if ok { "— holds" } else { "— does not hold" }
                            ),
                        )
                    })
                    .collect();
                let norms = crate::sim::norms::Norm::all()
                    .filter_map(|n| {
                        let of = |v: Verdict| {
                            ledger
                                .0
                                .iter()
                                .filter(|e| e.actor == a && e.mark.norm == n && e.mark.verdict == v)
                                .count()
                        };
                        let t = (
                            n.id().to_string(),
                            of(Verdict::Upheld),
                            of(Verdict::Strained),
                            of(Verdict::Breached),
                        );
                        (t.1 + t.2 + t.3 > 0).then_some(t)
                    })
                    .collect();
                SeatReport {
                    seat: s.id.clone(),
                    actor: c.actor_name(a).to_string(),
                    role: s.role.en.clone(),
                    decisions,
                    objectives,
                    norms,
                }
            })
            .collect();
        let index = w.resource::<IncidentIndex>();
        let mut incidents: Vec<IncidentReport> = index
            .incident_order
            .iter()
            .filter_map(|e| Some((w.get::<Incident>(*e)?, w.get::<Authorship>(*e)?)))
            .filter(|(i, _)| i.status != IncidentStatus::Pending)
            .map(|(i, a)| IncidentReport {
                name: i.name.en.clone(),
                kind: i.kind.name().to_string(),
                target: c.actor_name(i.target).to_string(),
                author: c.actor_name(a.author).to_string(),
                level: i.level.name().to_string(),
                reason: i.level_reason.clone(),
                started: i.started,
            })
            .collect();
        incidents.sort_by_key(|i| i.started);
        let learning = sc
            .learning_objectives
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let ok = outcome.learning.get(i).copied().unwrap_or(false);
                (
                    l.text.en.clone(),
                    ok,
                    format!(
                        "{} {}",
                        describe(&l.condition),
                        if ok { "— holds" } else { "— does not hold" }
                    ),
                )
            })
            .collect();
        let clock = ex.clock();
        Debrief {
            title: sc.title.en.clone(),
            period: sc.period.en.clone(),
            seed: ex.seed(),
            turn: clock.turn,
            turns: clock.turns,
            ended: ex.ended(),
            ending: outcome
                .ending
                .and_then(|i| sc.endings.get(i))
                .map(|e| (e.title.en.clone(), e.text.en.clone())),
            timeline,
            seats,
            incidents,
            history: w.resource::<History>().0.clone(),
            learning,
            state_hash: ex.state_hash(),
        }
    }
}

fn describe_order(o: &crate::sim::orders::Order) -> String {
    let json = serde_json::to_string(o).unwrap_or_default();
    format!(
        "{}: {}",
        o.kind().name(),
        json.trim_start_matches('{').trim_end_matches('}')
    )
}

/// A condition in words, for the report's reasons.
pub fn describe(c: &Condition) -> String {
    let range = |lo: &Option<i32>, hi: &Option<i32>| match (lo, hi) {
        (Some(l), Some(h)) => format!("between {l} and {h}"),
        (Some(l), None) => format!("at least {l}"),
        (None, Some(h)) => format!("at most {h}"),
        (None, None) => "any value".into(),
    };
    let join =
        |list: &[Condition], word: &str| list.iter().map(describe).collect::<Vec<_>>().join(word);
    match c {
        Condition::Always => "always".into(),
        Condition::TurnAtLeast(t) => format!("turn {t} reached"),
        Condition::All(l) => format!("({})", join(l, " and ")),
        Condition::Any(l) => format!("({})", join(l, " or ")),
        Condition::Not(x) => format!("not {}", describe(x)),
        Condition::Var {
            actor,
            var,
            at_least,
            at_most,
        } => format!("{actor}'s {} {}", var.name(), range(at_least, at_most)),
        Condition::Tension {
            a,
            b,
            at_least,
            at_most,
        } => format!("tension {a}–{b} {}", range(at_least, at_most)),
        Condition::Trust {
            a,
            b,
            at_least,
            at_most,
        } => format!("trust {a}–{b} {}", range(at_least, at_most)),
        Condition::IncidentStarted(i) => format!("incident {i} started"),
        Condition::InjectFired(i) => format!("inject {i} fired"),
        Condition::Attributed {
            incident,
            by,
            to,
            public,
            min_confidence,
        } => format!(
            "{incident} attributed{}{}{} at {min_confidence:?} confidence or more",
            by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default(),
            to.as_ref().map(|t| format!(" to {t}")).unwrap_or_default(),
            if *public { " publicly" } else { "" }
        ),
        Condition::JointAttribution { incident, partners } => {
            format!("{incident} attributed jointly by {partners} or more")
        }
        Condition::ProposalPassed { institution, kind } => {
            format!("{kind:?} adopted in {institution}")
        }
        Condition::ProposalFailed { institution, kind } => {
            format!("{kind:?} rejected in {institution}")
        }
        Condition::Listed(e) => format!("{e} listed"),
        Condition::OrderUsed { by, order } => format!(
            "{}{} used",
            by.as_ref().map(|b| format!("{b}: ")).unwrap_or_default(),
            order.name()
        ),
        Condition::Ladder { incident, at_least } => {
            format!("{incident} assessed as {} or above", at_least.name())
        }
        Condition::NormUpheld { actor, norm } => format!("{actor} upheld norm {norm}"),
        Condition::NormBreached { actor, norm } => {
            format!("{actor} strained or breached norm {norm}")
        }
        Condition::EvidenceHeld { actor, evidence } => format!("{actor} holds {evidence}"),
        Condition::Assisted { actor } => format!("{actor} received assistance"),
    }
}

/// Escalation, mean tension and mean trust over the turns, as an SVG line chart.
pub fn svg_chart(history: &[TurnSample]) -> String {
    let (w, h, left, bottom, top, right) = (720.0, 280.0, 48.0, 36.0, 16.0, 230.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max_turn = history.iter().map(|s| s.turn).max().unwrap_or(1).max(1) as f64;
    let x = |t: u32| left + plot_w * t as f64 / max_turn;
    let y = |v: f64| top + plot_h * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Escalation, tension and trust by turn" font-family="sans-serif" font-size="11">"#
    );
    let _ = write!(
        s,
        r##"<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#999"/>"##
    );
    for v in [0, 25, 50, 75, 100] {
        let yy = y(v as f64);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{v}</text>"##,
            left + plot_w,
            left - 6.0,
            yy + 4.0
        );
    }
    for t in 0..=max_turn as u32 {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{t}</text>"#,
            x(t),
            h - bottom + 16.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">turn</text>"#,
        left + plot_w / 2.0,
        h - 4.0
    );
    type Series<'a> = (&'a str, &'a str, Box<dyn Fn(&TurnSample) -> f64>);
    let series: [Series; 3] = [
        (
            "escalation (ladder, 0–3 × 33)",
            "#c0392b",
            Box::new(|s: &TurnSample| s.escalation as f64 * 100.0 / 3.0),
        ),
        (
            "mean tension",
            "#e67e22",
            Box::new(|s: &TurnSample| s.mean_tension as f64),
        ),
        (
            "mean trust",
            "#2471a3",
            Box::new(|s: &TurnSample| s.mean_trust as f64),
        ),
    ];
    for (i, (label, color, f)) in series.iter().enumerate() {
        let pts: Vec<String> = history
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.turn), y(f(p))))
            .collect();
        let _ = write!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#,
            pts.join(" ")
        );
        for p in history {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"/>"#,
                x(p.turn),
                y(f(p))
            );
        }
        let ly = top + 14.0 + i as f64 * 18.0;
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{ly}" x2="{}" y2="{ly}" stroke="{color}" stroke-width="3"/><text x="{}" y="{}">{}</text>"#,
            w - right + 10.0,
            w - right + 28.0,
            w - right + 32.0,
            ly + 4.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn mark(ok: bool) -> &'static str {
    if ok { "met" } else { "not met" }
}

pub fn markdown(d: &Debrief) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# After-action report: {}\n", d.title);
    let _ = writeln!(s, "{}\n", d.byline());
    match &d.ending {
        Some((t, text)) => {
            let _ = writeln!(s, "**Ending: {t}.** {text}\n");
        }
        None => {
            let _ = writeln!(s, "**No ending reached.**\n");
        }
    }
    let _ = writeln!(s, "## Escalation, tension and trust\n");
    let _ = writeln!(
        s,
        "| turn | escalation rung | mean tension | mean trust |\n|---|---|---|---|"
    );
    for h in &d.history {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            h.turn, h.escalation, h.mean_tension, h.mean_trust
        );
    }
    let _ = writeln!(s, "\n{}\n", svg_chart(&d.history));
    let _ = writeln!(s, "## Incidents (true authors revealed)\n");
    for i in &d.incidents {
        let _ = writeln!(
            s,
            "- **{}** ({}), turn {}: against {}, carried out by {}. Ladder: {} — {}",
            i.name,
            i.kind,
            i.started.unwrap_or(0),
            i.target,
            i.author,
            i.level,
            i.reason
        );
    }
    let _ = writeln!(s, "\n## Timeline\n");
    let mut turn = 0;
    for (t, text, who) in &d.timeline {
        if *t != turn {
            turn = *t;
            let _ = writeln!(s, "\n### Turn {t}\n");
        }
        let _ = writeln!(
            s,
            "- {text}{}",
            if who == "public" {
                String::new()
            } else {
                format!(" _(seen by {who})_")
            }
        );
    }
    let _ = writeln!(s, "\n## Seats\n");
    for seat in &d.seats {
        let _ = writeln!(s, "### {} — {} ({})\n", seat.seat, seat.actor, seat.role);
        let _ = writeln!(s, "Objectives:\n");
        for (o, ok, why) in &seat.objectives {
            let _ = writeln!(
                s,
                "- [{}] {o} — {} ({why})",
                if *ok { "x" } else { " " },
                mark(*ok)
            );
        }
        let _ = writeln!(
            s,
            "\nNorm ledger: {}\n",
            seat.norms
                .iter()
                .map(|(n, u, st, b)| format!("{n}: {u} upheld, {st} strained, {b} breached"))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let _ = writeln!(
            s,
            "| turn | decision | result | reason | norms | law |\n|---|---|---|---|---|---|"
        );
        for dl in &seat.decisions {
            let _ = writeln!(
                s,
                "| {} | {} | {:?} | {} | {} | {} |",
                dl.turn,
                dl.order.replace('|', "/"),
                dl.resolved,
                dl.reason.replace('|', "/"),
                dl.norms.join("; ").replace('|', "/"),
                dl.law.join("; ")
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## Learning objectives\n");
    for (l, ok, why) in &d.learning {
        let _ = writeln!(
            s,
            "- [{}] {l} — {} ({why})",
            if *ok { "x" } else { " " },
            mark(*ok)
        );
    }
    let _ = writeln!(s, "\nstate-hash: {}", d.state_hash);
    s
}

pub fn html(d: &Debrief) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>After-action report: {}</title><style>
body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}}
h1{{margin-bottom:.2em}} .meta{{color:#666}} table{{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}}
td,th{{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;font-size:.92em}} th{{background:#f0f0f0;text-align:left}}
.met{{color:#1e7d32;font-weight:bold}} .notmet{{color:#b71c1c;font-weight:bold}} .seen{{color:#777;font-style:italic}}
.ending{{background:#eef5ff;border-left:4px solid #2471a3;padding:.6em 1em}} code{{font-size:.9em}}
</style></head><body>"#,
        esc(&d.title)
    );
    let _ = write!(
        s,
        "<h1>After-action report: {}</h1><p class=\"meta\">{}</p>",
        esc(&d.title),
        esc(&d.byline())
    );
    match &d.ending {
        Some((t, text)) => {
            let _ = write!(
                s,
                "<div class=\"ending\"><strong>Ending: {}.</strong> {}</div>",
                esc(t),
                esc(text)
            );
        }
        None => s.push_str("<div class=\"ending\">No ending reached.</div>"),
    }
    let _ = write!(
        s,
        "<h2>Escalation, tension and trust</h2>{}",
        svg_chart(&d.history)
    );
    s.push_str("<h2>Incidents (true authors revealed)</h2><table><tr><th>turn</th><th>incident</th><th>kind</th><th>target</th><th>author</th><th>ladder</th></tr>");
    for i in &d.incidents {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><strong>{}</strong>: {}</td></tr>",
            i.started.unwrap_or(0),
            esc(&i.name),
            esc(&i.kind),
            esc(&i.target),
            esc(&i.author),
            esc(&i.level),
            esc(&i.reason)
        );
    }
    s.push_str("</table><h2>Timeline</h2>");
    let mut turn = 0;
    for (t, text, who) in &d.timeline {
        if *t != turn {
            if turn != 0 {
                s.push_str("</ul>");
            }
            turn = *t;
            let _ = write!(s, "<h3>Turn {t}</h3><ul>");
        }
        let seen = if who == "public" {
            String::new()
        } else {
            format!(" <span class=\"seen\">(seen by {})</span>", esc(who))
        };
        let _ = write!(s, "<li>{}{seen}</li>", esc(text));
    }
    if turn != 0 {
        s.push_str("</ul>");
    }
    s.push_str("<h2>Seats</h2>");
    for seat in &d.seats {
        let _ = write!(
            s,
            "<h3>{} — {} <span class=\"meta\">({})</span></h3><ul>",
            esc(&seat.seat),
            esc(&seat.actor),
            esc(&seat.role)
        );
        for (o, ok, why) in &seat.objectives {
            let _ = write!(
                s,
                "<li><span class=\"{}\">{}</span> {} <span class=\"meta\">({})</span></li>",
                if *ok { "met" } else { "notmet" },
                mark(*ok),
                esc(o),
                esc(why)
            );
        }
        s.push_str("</ul><p>Norm ledger: ");
        s.push_str(&esc(&seat
            .norms
            .iter()
            .map(|(n, u, st, b)| format!("{n}: {u} upheld, {st} strained, {b} breached"))
            .collect::<Vec<_>>()
            .join("; ")));
        s.push_str("</p><table><tr><th>turn</th><th>decision</th><th>result</th><th>reason</th><th>norms</th><th>law</th></tr>");
        for dl in &seat.decisions {
            let _ = write!(
                s,
                "<tr><td>{}</td><td><code>{}</code></td><td>{:?}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                dl.turn,
                esc(&dl.order),
                dl.resolved,
                esc(&dl.reason),
                esc(&dl.norms.join("; ")),
                esc(&dl.law.join("; "))
            );
        }
        s.push_str("</table>");
    }
    s.push_str("<h2>Learning objectives</h2><ul>");
    for (l, ok, why) in &d.learning {
        let _ = write!(
            s,
            "<li><span class=\"{}\">{}</span> {} <span class=\"meta\">({})</span></li>",
            if *ok { "met" } else { "notmet" },
            mark(*ok),
            esc(l),
            esc(why)
        );
    }
    let _ = write!(
        s,
        "</ul><p class=\"meta\">state-hash: {}</p></body></html>",
        d.state_hash
    );
    s
}
