#pragma once
// The workbench's main window: workspace, dockable views, status bar with background tasks.
#include <QMainWindow>

namespace avt::widgets {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Opens the workspace folder at path (created on first use). Shows a message on failure.
    bool openWorkspace(const QString &path);

private:
    void showAbout();

    QString m_workspace;
};

} // namespace avt::widgets
