//! The Bốn Tốt calculator, mounted into pages that site-gen generates.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <p class="app-ready">{ "Máy tính tự đánh giá đã sẵn sàng." }</p> }
}

fn main() {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(root) = document.and_then(|d| d.get_element_by_id("calculator")) {
        yew::Renderer::<App>::with_root(root).render();
    }
}
