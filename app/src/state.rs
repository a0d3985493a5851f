//! The calculator's state: the answers being typed, plus what the page
//! says about the last load, import or error. Every change goes through
//! [`Action`], so the answers are saved in one place (see `app.rs`).

use bontot_core::answers::{Answers, Member};
use bontot_core::rules::Class;

/// Longest text kept in a field (the answers file refuses longer ones).
pub const MAX_FIELD: usize = 200;
/// Most chi bộ in the list (the answers file refuses more).
pub const MAX_MEMBERS: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    /// Something was refused: shown in the alert region.
    Error(String),
    /// Something was done: shown in the status region.
    Done(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub answers: Answers,
    /// What a load, import or reset replaced, for "Hoàn tác".
    pub previous: Option<Answers>,
    pub flash: Option<Flash>,
    /// The share link is shown.
    pub share: bool,
    /// The browser accepted the last save.
    pub stored: bool,
    /// How far the page is drawn, one step per task so that no task blocks
    /// the page long: step 0 draws the frame (tools, unit, year), each
    /// later step [`STEP`] more questions, and the step after the last
    /// question the results.
    pub step: usize,
    /// Criteria whose passing indicators are shown in full on screen
    /// (folded by default; paper shows everything).
    pub open: Vec<String>,
}

/// Questions drawn per step (see [`State::step`]).
pub const STEP: usize = 4;

/// What step `step` draws of a form of `questions` questions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    pub questions: usize,
    /// Everything is drawn, the results too.
    pub complete: bool,
}

impl Drawn {
    pub fn at(step: usize, questions: usize) -> Drawn {
        Drawn {
            questions: step.saturating_mul(STEP).min(questions),
            complete: step > questions.div_ceil(STEP),
        }
    }
}

/// A step past every form's end (see [`Action::Finish`]).
const ALL: usize = usize::MAX / 2;

pub enum Action {
    Field(String, String),
    /// Several fields at once (e.g. "Tốt" for every month not entered).
    Fields(Vec<(String, String)>),
    Name(String),
    Year(String),
    /// Another unit's answers (switching chi bộ / đảng bộ), with a message
    /// if its saved answers could not be read.
    Switch(Answers, Option<Flash>),
    /// Answers from a file or a link, replacing the current ones (undoable).
    Load(Answers, String),
    /// Start again with these (empty) answers (undoable).
    Reset(Answers),
    Undo,
    Flash(Flash),
    Dismiss,
    AddMember,
    RemoveMember(usize),
    MemberName(usize, String),
    MemberResult(usize, Option<bool>),
    MemberClass(usize, Option<Class>),
    /// Chi bộ read from their files, and the files refused.
    AddMembers(Vec<Member>, Vec<String>),
    ToggleShare,
    /// Show or fold a criterion's passing indicators.
    ToggleCriterion(String),
    Stored(bool),
    /// Draw the next step.
    More,
    /// Draw the results that answers left behind (see `run.rs`).
    Results,
    /// Draw everything now (before printing).
    Finish,
}

impl Action {
    /// An answer typed or chosen in the form or the chi bộ list.
    pub fn is_answer(&self) -> bool {
        matches!(
            self,
            Action::Field(..)
                | Action::Name(_)
                | Action::Year(_)
                | Action::MemberName(..)
                | Action::MemberResult(..)
                | Action::MemberClass(..)
        )
    }
}

/// Whether nothing has been entered.
pub fn is_empty(a: &Answers) -> bool {
    a.values.is_empty() && a.members.is_empty() && a.name.is_empty() && a.year.is_empty()
}

/// `s` cut to [`MAX_FIELD`] characters.
pub fn clip(s: String) -> String {
    if s.chars().count() > MAX_FIELD {
        s.chars().take(MAX_FIELD).collect()
    } else {
        s
    }
}

impl State {
    pub fn reduce(&mut self, action: Action) {
        let s = self;
        match action {
            Action::Field(field, value) => s.answers.set(&field, clip(value)),
            Action::Fields(list) => {
                for (field, value) in list {
                    s.answers.set(&field, clip(value));
                }
            }
            Action::Name(v) => s.answers.name = clip(v),
            Action::Year(v) => s.answers.year = clip(v),
            Action::Switch(answers, flash) => {
                s.answers = answers;
                s.step = 1;
                s.previous = None;
                s.flash = flash;
            }
            Action::Load(answers, message) => {
                let old = std::mem::replace(&mut s.answers, answers);
                s.previous = (!is_empty(&old) && old != s.answers).then_some(old);
                s.flash = Some(Flash::Done(message));
            }
            Action::Reset(answers) => {
                let old = std::mem::replace(&mut s.answers, answers);
                s.previous = (!is_empty(&old)).then_some(old);
                s.flash = Some(Flash::Done("Đã xóa hết câu trả lời.".into()));
                s.share = false;
            }
            Action::Undo => {
                if let Some(old) = s.previous.take() {
                    s.answers = old;
                    s.flash = Some(Flash::Done("Đã khôi phục câu trả lời trước đó.".into()));
                }
            }
            Action::Flash(f) => s.flash = Some(f),
            Action::Dismiss => s.flash = None,
            Action::AddMember => {
                if s.answers.members.len() < MAX_MEMBERS {
                    s.answers.members.push(Member::default());
                }
            }
            Action::RemoveMember(i) => {
                if i < s.answers.members.len() {
                    s.answers.members.remove(i);
                }
            }
            Action::MemberName(i, v) => {
                if let Some(m) = s.answers.members.get_mut(i) {
                    m.name = clip(v);
                }
            }
            Action::MemberResult(i, v) => {
                if let Some(m) = s.answers.members.get_mut(i) {
                    m.bon_tot = v;
                }
            }
            Action::MemberClass(i, v) => {
                if let Some(m) = s.answers.members.get_mut(i) {
                    m.class = v;
                }
            }
            Action::AddMembers(members, errors) => {
                let room = MAX_MEMBERS.saturating_sub(s.answers.members.len());
                let mut errors = errors;
                if members.len() > room {
                    errors.push(format!(
                        "Danh sách chỉ giữ tối đa {MAX_MEMBERS} chi bộ: {} tệp không được thêm.",
                        members.len() - room
                    ));
                }
                let added = members.len().min(room);
                s.answers.members.extend(members.into_iter().take(room));
                s.flash = Some(if errors.is_empty() {
                    Flash::Done(format!("Đã thêm {added} chi bộ từ tệp."))
                } else {
                    let head = if added > 0 {
                        format!("Đã thêm {added} chi bộ từ tệp. ")
                    } else {
                        String::new()
                    };
                    Flash::Error(format!("{head}{}", errors.join(" ")))
                });
            }
            Action::ToggleShare => s.share = !s.share,
            Action::ToggleCriterion(id) => {
                if let Some(i) = s.open.iter().position(|c| *c == id) {
                    s.open.remove(i);
                } else {
                    s.open.push(id);
                }
            }
            Action::Stored(ok) => s.stored = ok,
            Action::More => s.step = s.step.saturating_add(1),
            Action::Results => {}
            Action::Finish => s.step = ALL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bontot_core::model::Unit;

    fn answers() -> Answers {
        Answers {
            format: bontot_core::answers::FORMAT.into(),
            plan: "p".into(),
            version: 1,
            unit: Unit::ChiBo,
            name: String::new(),
            year: String::new(),
            values: Default::default(),
            members: Vec::new(),
            books: Default::default(),
        }
    }

    fn state() -> State {
        State {
            answers: answers(),
            previous: None,
            flash: None,
            share: false,
            stored: true,
            step: 1,
            open: Vec::new(),
        }
    }

    /// `s` after `a`.
    fn after(mut s: State, a: Action) -> State {
        s.reduce(a);
        s
    }

    #[test]
    fn a_criterion_opens_and_folds_again() {
        let s = after(state(), Action::ToggleCriterion("sinh-hoat".into()));
        assert_eq!(s.open, ["sinh-hoat"]);
        let s = after(s, Action::ToggleCriterion("nhiem-vu".into()));
        let s = after(s, Action::ToggleCriterion("sinh-hoat".into()));
        assert_eq!(s.open, ["nhiem-vu"]);
    }

    #[test]
    fn steps_draw_the_frame_then_questions_then_results() {
        // 10 questions: 3 steps of 4, then the results.
        let at = |step| Drawn::at(step, 10);
        assert_eq!((at(0).questions, at(0).complete), (0, false));
        assert_eq!((at(1).questions, at(1).complete), (4, false));
        assert_eq!((at(3).questions, at(3).complete), (10, false));
        assert_eq!((at(4).questions, at(4).complete), (10, true));
        assert_eq!(at(ALL), at(4));
        // No questions: the results right after the frame.
        assert!(!Drawn::at(0, 0).complete && Drawn::at(1, 0).complete);
    }

    #[test]
    fn finish_draws_everything_and_more_never_overflows() {
        let s = after(state(), Action::Finish);
        assert!(Drawn::at(s.step, 1000).complete);
        let s = after(s, Action::More);
        assert!(Drawn::at(s.step, 1000).complete);
    }

    #[test]
    fn typing_keeps_text_and_empty_removes() {
        let s = after(state(), Action::Field("a".into(), "1.000".into()));
        assert_eq!(s.answers.get("a"), "1.000");
        let s = after(s, Action::Field("a".into(), String::new()));
        assert!(is_empty(&s.answers));
    }

    #[test]
    fn load_can_be_undone() {
        let s = after(state(), Action::Name("Chi bộ 4".into()));
        let mut other = answers();
        other.year = "2024".into();
        let s = after(s, Action::Load(other, "ok".into()));
        assert_eq!(s.answers.year, "2024");
        let s = after(s, Action::Undo);
        assert_eq!(s.answers.name, "Chi bộ 4");
        assert!(s.previous.is_none());
    }

    #[test]
    fn members_out_of_range_are_ignored() {
        let s = after(state(), Action::RemoveMember(3));
        let s = after(s, Action::MemberName(0, "x".into()));
        assert!(s.answers.members.is_empty());
        let s = after(s, Action::AddMember);
        assert_eq!(s.answers.members.len(), 1);
    }

    #[test]
    fn long_text_is_cut_at_the_limit() {
        let s = after(state(), Action::Name("x".repeat(300)));
        assert_eq!(s.answers.name.chars().count(), MAX_FIELD);
    }
}
