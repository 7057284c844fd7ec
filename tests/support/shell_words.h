#pragma once
// The words bash makes of a command line (`set -- COMMAND; printf '%s\n' "$@"`), for tests that
// check a command the workbench shows or writes parses back into the intended arguments.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace avt::test {

inline QStringList bashWords(const QString &command)
{
    QProcess bash;
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"), QStringLiteral("set -- %1; printf '%s\\n' \"$@\"").arg(command)});
    bash.waitForFinished();
    QStringList words = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'));
    words.removeLast();
    return words;
}

} // namespace avt::test
