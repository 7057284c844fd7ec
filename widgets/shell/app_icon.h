#pragma once
// The application's icon: the desktop theme's icon of our desktop id when the theme has one
// (an installed package puts it into hicolor), else the PNGs compiled into the resources
// (resources/resources.qrc). GUI thread only.
#include <QIcon>

namespace avt::widgets {

// The desktop file id, also the icon name ("org.avtworkbench.AvtWorkbench").
inline constexpr const char *kDesktopId = "org.avtworkbench.AvtWorkbench";

QIcon applicationIcon();
// Registers the resources of resources/resources.qrc (icons, licence text); idempotent.
void ensureResources();
// An action or view icon by its freedesktop name ("document-open"): the desktop theme's, else
// ours (resources/icons/actions/<name>.svg, rendered to 16 and 32 pixels).
QIcon themeIcon(const char *name);

} // namespace avt::widgets
