#include "widgets/settings/main_window_settings.h"

#include <QDir>

namespace avt::widgets {

QStringList MainWindowSettings::recentWorkspaces() const
{
    QStringList list = read(QStringLiteral("recentWorkspaces")).toStringList();
    list.removeDuplicates();
    list.removeAll(QString());
    while (list.size() > kMaxRecent)
        list.removeLast();
    return list;
}

void MainWindowSettings::addRecentWorkspace(const QString &folder) const
{
    const QString clean = QDir::cleanPath(QDir(folder).absolutePath());
    QStringList list = recentWorkspaces();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMaxRecent)
        list.removeLast();
    write(QStringLiteral("recentWorkspaces"), list);
}

void MainWindowSettings::removeRecentWorkspace(const QString &folder) const
{
    QStringList list = recentWorkspaces();
    list.removeAll(QDir::cleanPath(QDir(folder).absolutePath()));
    write(QStringLiteral("recentWorkspaces"), list);
}

} // namespace avt::widgets
