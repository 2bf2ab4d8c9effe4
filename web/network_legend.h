#pragma once
// Under the network view: the selected parameter's line (its value, its
// gradient and "Edit value") and the legend of what edges and nodes mean.
namespace bpl::web {

struct App;
struct NetworkDemo;

// The height the footer takes at `width` (the legend wraps on narrow views).
float network_footer_height(const App& app, float width);
// Draws it at the cursor, between the screen x `left` and `right`.
void draw_network_footer(App& app, float left, float right);

// Opens the value editor for the selected parameter, pausing training (network_view.cpp).
void open_value_editor(NetworkDemo& demo);

}  // namespace bpl::web
