// A background task that throws (here a plain std::runtime_error, as LibTorch's c10::Error is
// one) must reach the user as a message; before, QFutureWatcher::result() rethrew it inside the
// event loop and the program aborted.
#include "../tst_widgets.h"
#include "widgets/common/background.h"

#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QWidget>

#include <stdexcept>

void TestBackground::throwingTaskShowsAMessage()
{
    QWidget window;
    window.show();
    bool delivered = false;
    avt::widgets::whenFinished(&window, avt::widgets::runInBackground([]() -> int {
        throw std::runtime_error("decoder exploded\nbacktrace");
    }),
                               [&](int) { delivered = true; });
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("backgroundError"))) != nullptr,
                             10000);
    QCOMPARE(box->text(), QStringLiteral("decoder exploded"));
    QVERIFY(!delivered);
    box->close();
    // A custom handler gets the message instead of the box.
    QString message;
    avt::widgets::whenFinished(
        &window, avt::widgets::runInBackground([]() -> int { throw std::runtime_error("custom"); }), [](int) {},
        [&](const QString &m) { message = m; });
    QTRY_COMPARE_WITH_TIMEOUT(message, QStringLiteral("custom"), 10000);
}
