//! The calculator running: one state, changed only by [`send`]ing an
//! [`Action`]; after each batch of actions the engine runs, the page is
//! patched (dom.rs) and the answers are saved if they changed.
//!
//! An answer patches what the reader answers in and the result bar at
//! once, and the results below in a task after the next frame is painted:
//! the answer is shown sooner on a slow phone (the results are screens
//! away from the question, and redrawing them doubled the frame's work).

use crate::app;
use crate::dom::{self, Mounted};
use crate::state::{Action, Drawn, State};
use crate::storage;
use crate::view::{self, Ctx};
use bontot_core::answers::Answers;
use bontot_core::engine::evaluate;
use bontot_core::page::CalculatorData;
use bontot_core::rules::Class;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

/// The running calculator.
pub struct App {
    pub data: Rc<CalculatorData>,
    pub state: State,
    host: Element,
    mounted: Vec<Mounted>,
    /// The answers last saved (saving follows a change only).
    saved: Option<Answers>,
    /// A later step of drawing is already asked for.
    more: bool,
    /// A drawing of the results after the next paint is asked for.
    behind: bool,
    /// The results are marked busy (`aria-busy`) until they are drawn.
    busy: bool,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    static QUEUE: RefCell<Vec<Action>> = const { RefCell::new(Vec::new()) };
}

/// Starts the calculator in `host` (an empty element) and draws its first
/// step.
pub fn start(host: Element, data: Rc<CalculatorData>, typed: &[(String, String)]) {
    let state = app::init(&data, typed);
    crate::events::listen(&host);
    APP.with_borrow_mut(|a| {
        *a = Some(App {
            data,
            state,
            host,
            mounted: Vec::new(),
            saved: None,
            more: false,
            behind: false,
            busy: false,
        })
    });
    // Levels and counts from the year-end part (desk/), as answers.
    storage::on_fill(|list| send(Action::Fields(list)));
    storage::on_classes(|list| {
        for (i, code) in list {
            send(Action::MemberClass(i, Class::parse(&code)));
        }
    });
    // Printing from the browser's menu prints everything.
    view::before_print(|| send(Action::Finish));
    run(true);
}

/// Applies `action`, then draws. An action sent while the calculator is
/// drawing (or while a handler reads it) waits for that to end.
pub fn send(action: Action) {
    QUEUE.with_borrow_mut(|q| q.push(action));
    run(false);
}

/// Applies the actions waiting, and draws after them (or now, if `draw`).
fn run(mut draw: bool) {
    APP.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return;
        };
        let Some(app) = slot.as_mut() else {
            return;
        };
        loop {
            let list = QUEUE.with_borrow_mut(std::mem::take);
            if list.is_empty() && !draw {
                break;
            }
            draw = false;
            let how = if list.is_empty() {
                Draw::All
            } else if list.iter().all(Action::is_answer) {
                Draw::Answers
            } else if list.iter().all(|a| matches!(a, Action::Results)) {
                Draw::Results
            } else {
                Draw::All
            };
            for a in list {
                match a {
                    Action::More => app.more = false,
                    Action::Results => app.behind = false,
                    _ => {}
                }
                app.state.reduce(a);
            }
            app.draw(how);
        }
    });
}

/// What a batch of actions has the page draw.
#[derive(PartialEq)]
enum Draw {
    All,
    /// Answers alone: the first part now, the results after the next
    /// paint.
    Answers,
    /// The results left behind by answers; the first part is as drawn.
    Results,
}

/// Reads the running calculator (`None` while it is drawing).
pub fn with<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow().ok()?.as_ref().map(f))
}

impl App {
    /// Draws the page as `how` says (see the top of this file).
    fn draw(&mut self, how: Draw) {
        let (data, state) = (&self.data, &self.state);
        // Cheap enough to run at every change (well under a millisecond).
        let result = evaluate(&data.rules, state.answers.unit, &state.answers);
        let ctx = Ctx {
            data,
            state,
            result: &result,
        };
        let questions = data.rules.inputs_for(state.answers.unit).count();
        let drawn = Drawn::at(state.step, questions);
        if how == Draw::Answers
            && drawn.complete
            && dom::patch_one(&mut self.mounted, app::screen(&ctx, drawn))
        {
            if !self.busy {
                // Assistive technology waits for the rest before reading
                // the results out (they are a live region).
                dom::set_attr(&self.mounted, "results", "aria-busy", Some("true"));
                self.busy = true;
            }
            if !self.behind {
                self.behind = true;
                view::after_paint(|| send(Action::Results));
            }
        } else {
            // A batch of only `Results` changed no answer since the last
            // drawing, which drew the first part.
            let screen = if how == Draw::Results {
                app::screen_as_drawn()
            } else {
                app::screen(&ctx, drawn)
            };
            dom::patch(
                &self.host,
                &mut self.mounted,
                app::view(&ctx, drawn, screen).0,
            );
            if self.busy {
                dom::set_attr(&self.mounted, "results", "aria-busy", None);
                self.busy = false;
            }
        }

        let a = &state.answers;
        if self.saved.as_ref() != Some(a) {
            if self.saved.as_ref().map(|s| s.unit) != Some(a.unit) {
                storage::save_unit(&a.plan, a.unit);
            }
            if !crate::state::is_empty(a) {
                let ok = storage::save(a);
                if state.stored != ok {
                    QUEUE.with_borrow_mut(|q| q.push(Action::Stored(ok)));
                }
            }
            storage::announce_saved();
            self.saved = Some(a.clone());
        }
        if drawn.complete {
            view::announce_drawn();
        } else if !self.more {
            // The rest a step at a time, each in its own task.
            self.more = true;
            view::later(|| send(Action::More));
        }
    }
}
