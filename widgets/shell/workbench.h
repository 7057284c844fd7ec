#pragma once
// The application's main window and its language. View > Language takes effect at once: the
// Workbench installs the new translators and rebuilds the main window in that language, keeping
// the open workspace, the dataset and clip shown, the window layout and the views' settings
// (QSettings), so every view comes back translated where it was. Refused, with a message, while
// a dataset import runs (it would be cancelled). GUI thread only.
//
//   avt::widgets::Workbench wb(app);
//   wb.window()->show();
//   wb.open(folder);
#include "core/util/result.h"

#include <QObject>
#include <QPointer>

class QApplication;

namespace avt::widgets {

class MainWindow;

class Workbench : public QObject {
    Q_OBJECT
public:
    explicit Workbench(QApplication &app);
    ~Workbench() override;

    MainWindow *window() const { return m_window; }
    Status open(const QString &folder);
    // Switches to language code ("" = the system's) now; false when refused (an import runs).
    bool setLanguage(const QString &code);
    // The language of the loaded translation ("de_DE", "zh_CN", …; "en" when none matched).
    QString language() const { return m_language; }

signals:
    // The main window was rebuilt (the old one is being deleted).
    void windowReplaced(avt::widgets::MainWindow *window);

private:
    void adopt(MainWindow *window);

    QApplication &m_app;
    QPointer<MainWindow> m_window;
    QString m_language;
};

} // namespace avt::widgets
