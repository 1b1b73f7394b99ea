//! The report as a document: sections of blocks, built once from the [`Debrief`] in the
//! reader's language. Markdown, the HTML page and the debrief screen only lay it out, so a
//! section, a heading or a line is added in one place and appears in all three.

use std::fmt::Write as _;

use super::instructors::{Instructors, ObservationLine, stamp};
use super::{
    Chart, Debrief, claim_line, esc, incident_line, ledger_line, mark, reading_line,
    role_beside_name, svg_chart,
};
use crate::i18n::{Arg, Lang};
use crate::observation::Kind;
use crate::say;
use crate::sim::injects::ExpectedStatus;
use crate::sim::norms::ReadingCheck;

/// The whole report in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    pub byline: String,
    pub sections: Vec<Section>,
}

/// A part of the report under its heading (none for the ending, which follows the byline).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub anchor: Anchor,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// Which section it is, for a reader that treats one specially (the screen folds the
/// timeline and scrolls to the incidents).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Ending,
    Chart,
    /// The public sphere: its key moments and each audience's course.
    Sphere,
    Learning,
    /// The instructors' edition: expected actions by seat.
    Expected,
    Incidents,
    /// The instructors' edition: key decisions beside the truth.
    Decisions,
    Seats,
    /// The instructors' edition: the injects that fired, with their facilitator notes.
    Injects,
    Timeline,
    /// The instructors' edition: the improvement plan.
    Plan,
    Record,
}

/// How a line reads at a glance: the screen colours it, the page marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph, led by a bold phrase if any.
    Para { lead: Option<String>, text: String },
    /// An objective: its text, whether it was met, and why.
    Check {
        met: bool,
        text: String,
        why: String,
    },
    /// A line with a note and the lines that hang under it (an incident with its claims
    /// and readings; a timeline entry with who saw it).
    Item {
        text: String,
        note: Option<String>,
        under: Vec<(Tone, String)>,
    },
    /// A part with its own heading (a seat; a turn of the timeline). The screen folds the
    /// parts marked `folded`.
    Part {
        heading: String,
        folded: bool,
        blocks: Vec<Block>,
    },
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A line chart by turn (escalation, tension and trust; an audience's course).
    Chart(Chart),
    /// Small print.
    Meta(String),
}

impl Document {
    pub fn of(d: &Debrief, l: Lang) -> Document {
        let code = l.code();
        let mut sections = Vec::new();
        let ending = match &d.ending {
            Some((title, text)) => Block::Para {
                lead: Some(l.say(&say!("Ending: {0}.", title))),
                text: text.get(code).to_string(),
            },
            None => Block::Para {
                lead: Some(l.t("No ending reached.").to_string()),
                text: String::new(),
            },
        };
        sections.push(Section {
            anchor: Anchor::Ending,
            heading: String::new(),
            blocks: vec![ending],
        });
        sections.push(Section {
            anchor: Anchor::Chart,
            heading: l.t("Escalation, tension and trust").to_string(),
            blocks: vec![Block::Chart(Chart::of_history(&d.history, l))],
        });
        if let Some(sphere) = sphere_section(d, l) {
            sections.push(sphere);
        }
        sections.push(Section {
            anchor: Anchor::Learning,
            heading: l.t("Learning objectives").to_string(),
            blocks: d
                .learning
                .iter()
                .map(|(text, met, why)| Block::Check {
                    met: *met,
                    text: text.get(code).to_string(),
                    why: l.say(why),
                })
                .collect(),
        });
        let ins = d.instructors.as_deref();
        if let Some(ins) = ins {
            sections.push(expected_section(d, ins, l));
        }
        sections.push(Section {
            anchor: Anchor::Incidents,
            heading: l.t("Incidents (true authors revealed)").to_string(),
            blocks: d
                .incidents
                .iter()
                .map(|i| {
                    let claims = i.claims.iter().map(|c| (c.case.tone(), claim_line(c, l)));
                    let readings = i.readings.iter().map(|r| {
                        let tone = match r.check {
                            ReadingCheck::Supported => Tone::Good,
                            ReadingCheck::Understates => Tone::Warn,
                            ReadingCheck::Overreaches => Tone::Bad,
                        };
                        (tone, reading_line(r, l))
                    });
                    Block::Item {
                        text: incident_line(i, l),
                        note: Some(format!(
                            "{}: {} — {}",
                            l.t("Ladder"),
                            l.t(i.level.term()),
                            l.say(&i.reason)
                        )),
                        under: claims.chain(readings).collect(),
                    }
                })
                .collect(),
        });
        if let Some(ins) = ins {
            sections.push(decisions_section(ins, l));
        }
        let seats = d.seats.iter().map(|seat| {
            let actor = seat.actor.get(code);
            let mut blocks: Vec<Block> = seat
                .objectives
                .iter()
                .map(|(o, met, why)| Block::Check {
                    met: *met,
                    text: o.get(code).to_string(),
                    why: l.say(why),
                })
                .collect();
            blocks.push(Block::Para {
                lead: Some(format!("{}:", l.t("Norm ledger"))),
                text: ledger_line(seat, l),
            });
            blocks.push(Block::Table {
                head: ["turn", "decision", "result", "reason", "norms", "law"]
                    .map(|k| l.t(k).to_string())
                    .to_vec(),
                rows: seat
                    .decisions
                    .iter()
                    .map(|dl| {
                        vec![
                            dl.turn.to_string(),
                            l.say(&dl.summary),
                            l.t(dl.resolved.term()).to_string(),
                            l.say(&dl.reason),
                            dl.norm_lines(l).join("; "),
                            dl.law_lines(l).join("; "),
                        ]
                    })
                    .collect(),
            });
            Block::Part {
                heading: format!(
                    "{} ({})",
                    actor,
                    role_beside_name(seat.role.get(code), actor)
                ),
                folded: true,
                blocks,
            }
        });
        sections.push(Section {
            anchor: Anchor::Seats,
            heading: l.t("Seats").to_string(),
            blocks: seats.collect(),
        });
        if let Some(ins) = ins {
            sections.push(injects_section(ins, l));
        }
        // Each turn's lines, then the observations written in it (the instructors' edition).
        let mut by_turn: std::collections::BTreeMap<u32, Vec<Block>> = Default::default();
        for (t, text, seen) in &d.timeline {
            by_turn.entry(*t).or_default().push(Block::Item {
                text: l.say(text),
                note: Some(seen.label(l)).filter(|s| !s.is_empty()),
                under: Vec::new(),
            });
        }
        for o in ins.map(|i| i.observations.as_slice()).unwrap_or_default() {
            by_turn
                .entry(o.note.turn)
                .or_default()
                .push(observation_item(o, l));
        }
        let turns = by_turn
            .into_iter()
            .map(|(t, blocks)| Block::Part {
                heading: l.f("turn {0}", &[&t.to_string()]),
                folded: false,
                blocks,
            })
            .collect();
        sections.push(Section {
            anchor: Anchor::Timeline,
            heading: l.t("Timeline").to_string(),
            blocks: turns,
        });
        if let Some(ins) = ins {
            sections.push(plan_section(d, ins, l));
        }
        sections.push(Section {
            anchor: Anchor::Record,
            heading: String::new(),
            blocks: vec![Block::Meta(format!(
                "{}: {}",
                l.t("state hash"),
                d.state_hash
            ))],
        });
        let title = if ins.is_some() {
            say!("After-action report, instructors' edition: {0}", &d.title)
        } else {
            say!("After-action report: {0}", &d.title)
        };
        Document {
            lang: l,
            title: l.say(&title),
            byline: d.byline(l),
            sections,
        }
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let l = self.lang;
        let mut s = String::new();
        let _ = writeln!(s, "# {}\n\n{}\n", self.title, self.byline);
        for section in &self.sections {
            if !section.heading.is_empty() {
                let _ = writeln!(s, "## {}\n", section.heading);
            }
            for b in &section.blocks {
                md_block(&mut s, b, l, 3);
            }
        }
        s
    }

    /// The report as a self-contained web page.
    pub fn html(&self) -> String {
        let l = self.lang;
        let code = l.code();
        let dir = if l.rtl() { "rtl" } else { "ltr" };
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<!doctype html><html lang="{code}" dir="{dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}}
h1{{margin-bottom:.2em}} .meta{{color:#666}} table{{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}}
td,th{{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;font-size:.92em}} th{{background:#f0f0f0;text-align:start}}
.met,.good{{color:#1e7d32}} .notmet,.bad{{color:#b71c1c}} .warn{{color:#a05a00}} .met,.notmet{{font-weight:bold}}
.ending{{background:#eef5ff;border-inline-start:4px solid #2471a3;padding:.6em 1em}} code{{font-size:.9em}}
</style></head><body>"#,
            esc(&self.title)
        );
        let _ = write!(
            s,
            "<h1>{}</h1><p class=\"meta\">{}</p>",
            esc(&self.title),
            esc(&self.byline)
        );
        for section in &self.sections {
            if !section.heading.is_empty() {
                let _ = write!(s, "<h2>{}</h2>", esc(&section.heading));
            }
            let ending = section.anchor == Anchor::Ending;
            if ending {
                s.push_str("<div class=\"ending\">");
            }
            html_blocks(&mut s, &section.blocks, l, 3);
            if ending {
                s.push_str("</div>");
            }
        }
        s.push_str("</body></html>");
        s
    }
}

fn md_block(s: &mut String, b: &Block, l: Lang, depth: usize) {
    match b {
        Block::Para { lead, text } => {
            let lead = lead.as_ref().map(|t| format!("**{t}**"));
            let line = [lead, Some(text.clone())]
                .into_iter()
                .flatten()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(s, "{line}\n");
        }
        Block::Check { met, text, why } => {
            let _ = writeln!(
                s,
                "- [{}] {text} — {} ({why})",
                if *met { "x" } else { " " },
                mark(*met, l)
            );
        }
        Block::Item { text, note, under } => {
            match note {
                Some(n) => {
                    let _ = writeln!(s, "- {text} _({n})_");
                }
                None => {
                    let _ = writeln!(s, "- {text}");
                }
            }
            for (_, line) in under {
                let _ = writeln!(s, "  - {line}");
            }
        }
        Block::Part {
            heading, blocks, ..
        } => {
            let _ = writeln!(s, "\n{} {heading}\n", "#".repeat(depth));
            for b in blocks {
                md_block(s, b, l, depth + 1);
            }
            s.push('\n');
        }
        Block::Table { head, rows } => {
            let _ = writeln!(s, "\n| {} |", head.join(" | "));
            let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "/")).collect();
                let _ = writeln!(s, "| {} |", cells.join(" | "));
            }
            s.push('\n');
        }
        Block::Chart(chart) => {
            let names: Vec<String> = chart
                .series
                .iter()
                .map(|(n, _)| n.replace('|', "/"))
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} |\n|---|{}",
                l.t("turn"),
                names.join(" | "),
                "---|".repeat(names.len())
            );
            for (i, t) in chart.turns.iter().enumerate() {
                let values: Vec<String> = chart
                    .series
                    .iter()
                    .map(|(_, v)| v.get(i).map_or(String::new(), |x| format!("{x:.0}")))
                    .collect();
                let _ = writeln!(s, "| {t} | {} |", values.join(" | "));
            }
            let _ = writeln!(s, "\n{}\n", svg_chart(chart, l));
        }
        Block::Meta(text) => {
            let _ = writeln!(s, "\n{text}");
        }
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Plain => "",
        Tone::Good => "good",
        Tone::Warn => "warn",
        Tone::Bad => "bad",
    }
}

fn html_blocks(s: &mut String, blocks: &[Block], l: Lang, depth: usize) {
    let mut in_list = false;
    for b in blocks {
        let listed = matches!(b, Block::Check { .. } | Block::Item { .. });
        if listed && !in_list {
            s.push_str("<ul>");
        } else if !listed && in_list {
            s.push_str("</ul>");
        }
        in_list = listed;
        match b {
            Block::Para { lead, text } => {
                s.push_str("<p>");
                if let Some(lead) = lead {
                    let _ = write!(s, "<strong>{}</strong> ", esc(lead));
                }
                let _ = write!(s, "{}</p>", esc(text));
            }
            Block::Check { met, text, why } => {
                let _ = write!(
                    s,
                    "<li><span class=\"{}\">{}</span> {} <span class=\"meta\">({})</span></li>",
                    if *met { "met" } else { "notmet" },
                    esc(mark(*met, l)),
                    esc(text),
                    esc(why)
                );
            }
            Block::Item { text, note, under } => {
                let _ = write!(s, "<li>{}", esc(text));
                if let Some(n) = note {
                    let _ = write!(s, " <span class=\"meta\">({})</span>", esc(n));
                }
                if !under.is_empty() {
                    s.push_str("<ul>");
                    for (tone, line) in under {
                        let _ = write!(s, "<li class=\"{}\">{}</li>", tone_class(*tone), esc(line));
                    }
                    s.push_str("</ul>");
                }
                s.push_str("</li>");
            }
            Block::Part {
                heading, blocks, ..
            } => {
                let _ = write!(s, "<h{depth}>{}</h{depth}>", esc(heading));
                html_blocks(s, blocks, l, depth + 1);
            }
            Block::Table { head, rows } => {
                s.push_str("<table><tr>");
                for h in head {
                    let _ = write!(s, "<th>{}</th>", esc(h));
                }
                s.push_str("</tr>");
                for row in rows {
                    s.push_str("<tr>");
                    for c in row {
                        let _ = write!(s, "<td>{}</td>", esc(c));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</table>");
            }
            Block::Chart(chart) => s.push_str(&svg_chart(chart, l)),
            Block::Meta(text) => {
                let _ = write!(s, "<p class=\"meta\">{}</p>", esc(text));
            }
        }
    }
    if in_list {
        s.push_str("</ul>");
    }
}

/// Each seat's expected actions: met in which turn, missed, or still open.
fn expected_section(d: &Debrief, ins: &Instructors, l: Lang) -> Section {
    let code = l.code();
    let title = |inject: &str| {
        ins.injects
            .iter()
            .find(|i| i.id == inject)
            .map(|i| i.title.get(code).to_string())
            .unwrap_or_else(|| inject.to_string())
    };
    let blocks = d
        .seats
        .iter()
        .filter_map(|seat| {
            let lines: Vec<Block> = ins
                .expected
                .iter()
                .filter(|x| x.seat == seat.seat)
                .map(|x| {
                    let from = l.say(&say!(
                        "drawn by {0} (turn {1}), due by turn {2}",
                        Arg::id(title(&x.inject)),
                        x.fired,
                        x.due
                    ));
                    let text = x.text.get(code).to_string();
                    match x.status {
                        ExpectedStatus::Met(turn) => Block::Check {
                            met: true,
                            text,
                            why: format!("{} · {from}", l.say(&say!("in turn {0}", turn))),
                        },
                        ExpectedStatus::Missed => Block::Check {
                            met: false,
                            text,
                            why: format!("{} · {from}", l.t("missed")),
                        },
                        // Still open when the exercise ended: its due turn never came.
                        ExpectedStatus::Open if d.ended => Block::Item {
                            text,
                            note: None,
                            under: vec![(
                                Tone::Warn,
                                format!("{} · {from}", l.t("the exercise ended before it was due")),
                            )],
                        },
                        ExpectedStatus::Open => Block::Item {
                            text,
                            note: None,
                            under: vec![(Tone::Plain, format!("{} · {from}", l.t("open")))],
                        },
                    }
                })
                .collect();
            let met = ins
                .expected
                .iter()
                .filter(|x| x.seat == seat.seat && matches!(x.status, ExpectedStatus::Met(_)))
                .count();
            (!lines.is_empty()).then(|| Block::Part {
                heading: l.say(&say!(
                    "{0}: {1} of {2} met",
                    &seat.actor,
                    met as u32,
                    lines.len() as u32
                )),
                folded: false,
                blocks: lines,
            })
        })
        .collect::<Vec<_>>();
    let blocks = if blocks.is_empty() {
        vec![Block::Para {
            lead: None,
            text: l
                .t("No inject with expected actions has fired.")
                .to_string(),
        }]
    } else {
        blocks
    };
    Section {
        anchor: Anchor::Expected,
        heading: l.t("Expected actions").to_string(),
        blocks,
    }
}

/// Each key decision: what the seat held when it gave the order, beside the truth.
fn decisions_section(ins: &Instructors, l: Lang) -> Section {
    let blocks = ins
        .decisions
        .iter()
        .map(|k| {
            let who = match &k.sent_by {
                Some(by) => say!("{0} (sent by {1})", &k.actor, Arg::id(by)),
                None => say!("{0}", &k.actor),
            };
            let mut under: Vec<(Tone, String)> = k
                .held
                .iter()
                .map(|e| {
                    let line = l.say(&say!(
                        "held: {0} (points to {1}; {2} reliability, {3} layer)",
                        e.text.clone(),
                        &e.points_to,
                        Arg::term(e.reliability.term()),
                        Arg::term(e.layer.term())
                    ));
                    if e.false_flag {
                        (
                            Tone::Bad,
                            format!("{line} — {}", l.t("planted: a false flag")),
                        )
                    } else {
                        (Tone::Plain, line)
                    }
                })
                .collect();
            if k.held.is_empty() {
                under.push((Tone::Warn, l.t("held no evidence on it").to_string()));
            }
            for (claim, against, confidence) in &k.supported {
                under.push((
                    Tone::Plain,
                    l.say(&say!(
                        "its evidence supported {0} against {1} at {2} confidence",
                        Arg::term(claim.term()),
                        against,
                        Arg::term(confidence.term())
                    )),
                ));
            }
            under.push((
                Tone::Good,
                l.say(&say!(
                    "the truth: carried out by {0}; the engine's rung: {1}",
                    &k.author,
                    Arg::term(k.level.term())
                )),
            ));
            Block::Item {
                text: l.say(&say!(
                    "turn {0}: {1}: {2} ({3})",
                    k.turn,
                    who,
                    k.summary.clone(),
                    Arg::term(k.resolved.term())
                )),
                note: Some(l.say(&say!("on {0}", k.incident.clone()))),
                under,
            }
        })
        .collect::<Vec<_>>();
    let blocks = if blocks.is_empty() {
        vec![Block::Para {
            lead: None,
            text: l
                .t("No seat has yet attributed, stated a reading or answered an incident.")
                .to_string(),
        }]
    } else {
        blocks
    };
    Section {
        anchor: Anchor::Decisions,
        heading: l.t("Key decisions beside the truth").to_string(),
        blocks,
    }
}

/// The injects that fired, with their facilitator notes, and those that did not.
fn injects_section(ins: &Instructors, l: Lang) -> Section {
    let code = l.code();
    let mut blocks: Vec<Block> = ins
        .injects
        .iter()
        .map(|i| Block::Item {
            text: l.say(&say!("turn {0}: {1}", i.turn, &i.title)),
            note: None,
            under: i
                .notes
                .iter()
                .map(|n| (Tone::Plain, n.get(code).to_string()))
                .collect(),
        })
        .collect();
    if !ins.unfired.is_empty() {
        blocks.push(Block::Para {
            lead: Some(format!("{}:", l.t("Did not fire"))),
            text: l.list(
                &ins.unfired
                    .iter()
                    .map(|t| t.get(code).to_string())
                    .collect::<Vec<_>>(),
            ),
        });
    }
    Section {
        anchor: Anchor::Injects,
        heading: l.t("Injects and facilitator notes").to_string(),
        blocks,
    }
}

/// An observation in its place on the timeline.
fn observation_item(o: &ObservationLine, l: Lang) -> Block {
    let d = &o.note.draft;
    let lead = match &o.about {
        Some(about) => say!(
            "{0}, by {1}, about {2}",
            Arg::term(d.kind.term()),
            Arg::id(&o.note.by),
            about
        ),
        None => say!(
            "{0}, by {1}, about the whole exercise",
            Arg::term(d.kind.term()),
            Arg::id(&o.note.by)
        ),
    };
    let tone = match d.kind {
        Kind::Strength => Tone::Good,
        Kind::AreaForImprovement => Tone::Warn,
        Kind::Risk => Tone::Bad,
        Kind::Recommendation => Tone::Plain,
    };
    let mut note = stamp(&o.note, l);
    if let Some(tie) = &o.tie {
        note = format!("{note} · {}", l.say(&say!("tied to {0}", tie)));
    }
    Block::Item {
        text: format!("{}: {}", l.say(&lead), d.text),
        note: Some(note),
        under: vec![(tone, l.t("observation").to_string())],
    }
}

/// The improvement plan: the instructor's, or the draft drawn from the observations.
fn plan_section(d: &Debrief, ins: &Instructors, l: Lang) -> Section {
    let rows = ins.plan_rows(&d.seats, l);
    let mut blocks = vec![Block::Table {
        head: ["issue", "recommendation", "who", "by when"]
            .map(|k| l.t(k).to_string())
            .to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.issue.clone(),
                    r.recommendation.clone(),
                    r.who.clone(),
                    r.by_when.clone(),
                ]
            })
            .collect(),
    }];
    if ins.plan.is_none() {
        blocks.push(Block::Meta(
            l.t("A draft drawn from the observations and the missed actions: the instructor has not yet edited it.")
                .to_string(),
        ));
    }
    Section {
        anchor: Anchor::Plan,
        heading: l.t("Improvement plan").to_string(),
        blocks,
    }
}

/// The public sphere: the posts and articles that moved the publics most, then each
/// audience's course as a chart. None when nothing was said in public.
fn sphere_section(d: &Debrief, l: Lang) -> Option<Section> {
    let code = l.code();
    let sphere = &d.sphere;
    if sphere.moments.is_empty() && sphere.courses.iter().all(|c| c.turns.len() < 2) {
        return None;
    }
    let mut blocks = vec![Block::Para {
        lead: None,
        text: l
            .t("The posts and articles that moved the publics most, and how the states stood with each public after every turn (0 to 100).")
            .to_string(),
    }];
    for m in &sphere.moments {
        let mut how = vec![l.f("turn {0}", &[&m.turn.to_string()])];
        if let Some(via) = m.via {
            how.push(l.t(via.term()).to_string());
        } else if m.wire {
            how.push(l.t("the wire").to_string());
        }
        if let Some(lang) = &m.language {
            how.push(l.f(
                "in {0}",
                &[&l.say(&say!("{0}", crate::sim::sphere::language(lang)))],
            ));
        }
        blocks.push(Block::Item {
            text: format!("{}: {}", l.say(&m.voice), l.say(&m.text)),
            note: Some(how.join(" · ")),
            under: m
                .moved
                .iter()
                .map(|(audience, actor, delta)| {
                    let tone = if *delta < 0 { Tone::Bad } else { Tone::Good };
                    (
                        tone,
                        format!("{}: {} {delta:+}", audience.get(code), actor.get(code)),
                    )
                })
                .collect(),
        });
    }
    for c in &sphere.courses {
        if c.turns.len() >= 2 && !c.lines.is_empty() {
            blocks.push(Block::Chart(Chart::of_course(c, l)));
        }
    }
    Some(Section {
        anchor: Anchor::Sphere,
        heading: l.t("The public sphere").to_string(),
        blocks,
    })
}
