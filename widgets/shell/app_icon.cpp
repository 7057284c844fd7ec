#include "widgets/shell/app_icon.h"

#include <QFile>

// resources/resources.qrc lives in the static library avt_widgets: its registration must be
// referenced, or the linker leaves it out. (Q_INIT_RESOURCE works outside namespaces only.)
static void initAvtResources() { Q_INIT_RESOURCE(resources); }

namespace avt::widgets {

void ensureResources()
{
    static const bool done = [] {
        initAvtResources();
        return true;
    }();
    (void)done;
}

QIcon applicationIcon()
{
    ensureResources();
    QIcon bundled;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        bundled.addFile(QStringLiteral(":/icons/%1.png").arg(size), QSize(size, size));
    return QIcon::fromTheme(QLatin1String(kDesktopId), bundled);
}

QIcon themeIcon(const char *name)
{
    ensureResources();
    QIcon bundled;
    for (int size : {16, 32}) {
        const QString file = QStringLiteral(":/icons/actions/%1-%2.png").arg(QLatin1String(name)).arg(size);
        if (QFile::exists(file))
            bundled.addFile(file, QSize(size, size));
    }
    return QIcon::fromTheme(QLatin1String(name), bundled);
}

} // namespace avt::widgets
