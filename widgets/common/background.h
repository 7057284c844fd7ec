#pragma once
// Where the views run their background work: a thread pool whose threads run at a lower
// scheduling priority (nice +10 on Linux) than the GUI thread, so decoding thumbnails,
// previews and spectrograms never competes with drawing and input on an equal footing.
//
//   whenFinished(this, runInBackground([path] { return decode(path); }),
//                [this](const Decoded &r) { show(r); });
//
// whenFinished() delivers the result on the context object's thread through a QFutureWatcher
// owned by that object: when the object is destroyed first, the watcher goes with it and the
// result is dropped. (A watcher rather than QFuture::then(context, ...), whose continuation Qt
// 6.4 can lose when the future finishes while it is being attached.) A task that throws (a
// decoder or LibTorch error nobody turned into a Result) never aborts the program: its message
// goes to `failed`, by default a warning box over the context's window.
#include <QFuture>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent>

#include <exception>
#include <optional>
#include <type_traits>

namespace avt::widgets {

// The shared pool (as many threads as cores). Lives until the application ends.
QThreadPool *backgroundPool();
// Lowers the calling thread's priority once (no-op where unsupported). Called by the tasks of
// backgroundPool() and of other worker pools of the views.
void lowerCurrentThreadPriority();

template <class F> auto runInBackground(F &&task)
{
    return QtConcurrent::run(backgroundPool(), [task = std::forward<F>(task)]() mutable {
        lowerCurrentThreadPriority();
        return task();
    });
}

// The message of an exception a background task threw (QtConcurrent keeps it in the future).
QString backgroundErrorText(std::exception_ptr error);
// The default for a task that threw: a warning box (not modal) over the context's window.
void showBackgroundError(QObject *context, const QString &message);

template <class T, class Done, class Failed>
void whenFinished(QObject *context, QFuture<T> future, Done &&done, Failed &&failed)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done), failed = std::forward<Failed>(failed)]() mutable {
                         watcher->deleteLater();
                         std::optional<T> value;
                         QString error;
                         try {
                             value.emplace(watcher->result());
                         } catch (...) {
                             error = backgroundErrorText(std::current_exception());
                         }
                         if (value)
                             done(*value);
                         else
                             failed(error);
                     });
    watcher->setFuture(std::move(future));
}

template <class T, class Done> void whenFinished(QObject *context, QFuture<T> future, Done &&done)
{
    whenFinished(context, std::move(future), std::forward<Done>(done),
                 [context](const QString &message) { showBackgroundError(context, message); });
}

} // namespace avt::widgets
