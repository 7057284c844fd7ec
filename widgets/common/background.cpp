#include "widgets/common/background.h"

#include <QCoreApplication>
#include <QException>
#include <QMessageBox>
#include <QWidget>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace avt::widgets {

QThreadPool *backgroundPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

void lowerCurrentThreadPriority()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread (the PRIO_PROCESS "who" is a thread id here).
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, 10);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

QString backgroundErrorText(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const QUnhandledException &e) { // what QtConcurrent stores for a foreign exception
        if (e.exception())
            return backgroundErrorText(e.exception());
    } catch (const std::exception &e) {
        // LibTorch's messages carry a C++ backtrace after the first line.
        return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
    } catch (...) {}
    return QCoreApplication::translate("avt::widgets::Background", "an unknown error");
}

void showBackgroundError(QObject *context, const QString &message)
{
    QWidget *widget = qobject_cast<QWidget *>(context);
    auto *box = new QMessageBox(QMessageBox::Warning,
                                QCoreApplication::translate("avt::widgets::Background", "A background task failed"),
                                message, QMessageBox::Ok, widget ? widget->window() : nullptr);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("backgroundError"));
    box->open();
}

} // namespace avt::widgets
