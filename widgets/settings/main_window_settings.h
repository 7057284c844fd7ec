#pragma once
// The main window's remembered state (keys under "MainWindow/"): geometry, dock layout and the
// recently opened workspaces, most recent first.
#include "widgets/settings/settings_group.h"

#include <QByteArray>
#include <QStringList>

namespace avt::widgets {

class MainWindowSettings : public SettingsGroup {
public:
    static constexpr int kMaxRecent = 8;

    MainWindowSettings() : SettingsGroup(QStringLiteral("MainWindow/")) {}

    QByteArray geometry() const { return read(QStringLiteral("geometry")).toByteArray(); }
    void setGeometry(const QByteArray &g) const { write(QStringLiteral("geometry"), g); }
    QByteArray dockState() const { return read(QStringLiteral("dockState")).toByteArray(); }
    void setDockState(const QByteArray &s) const { write(QStringLiteral("dockState"), s); }

    // Absolute folder paths, most recent first, at most kMaxRecent, no duplicates.
    QStringList recentWorkspaces() const;
    // Moves (or adds) folder to the front of the list.
    void addRecentWorkspace(const QString &folder) const;
    void removeRecentWorkspace(const QString &folder) const;
    void clearRecentWorkspaces() const { write(QStringLiteral("recentWorkspaces"), QStringList()); }
};

} // namespace avt::widgets
