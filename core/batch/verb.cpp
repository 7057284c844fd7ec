#include "core/batch/verb.h"

#include <QCoreApplication>

#include <cstdio>

namespace avt::batch {

VerbParser::VerbParser(QString verb, QString description) : m_verb(std::move(verb))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

void VerbParser::addPositional(const QString &name, const QString &description,
                               const QString &syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

std::optional<int> VerbParser::parse(const QStringList &args)
{
    QStringList full = args;
    full.prepend(QStringLiteral("avt-workbench --batch ") + m_verb);
    if (!m_parser.parse(full))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        // QCommandLineParser names the program after argv[0]; show the real invocation.
        const QString program = QCoreApplication::instance() ? QCoreApplication::arguments().value(0) : QString();
        const qsizetype at = program.isEmpty() ? -1 : help.indexOf(program);
        if (at >= 0)
            help.replace(at, program.size(), QStringLiteral("avt-workbench --batch ") + m_verb);
        std::fputs(help.toLocal8Bit().constData(), stdout);
        return ExitOk;
    }
    const int n = int(m_parser.positionalArguments().size());
    if (n < m_minPos)
        return usageError(QStringLiteral("missing argument (see --help)"));
    if (m_maxPos >= 0 && n > m_maxPos)
        return usageError(QStringLiteral("unexpected argument '%1' (see --help)")
                              .arg(m_parser.positionalArguments().value(m_maxPos)));
    return std::nullopt;
}

int VerbParser::usageError(const QString &message) const
{
    printError(m_verb, message);
    return ExitUsage;
}

std::optional<int> VerbParser::intValue(const QString &name, int min, int max) const
{
    bool ok = false;
    const int v = m_parser.value(name).toInt(&ok);
    if (!ok || v < min || v > max) {
        usageError(QStringLiteral("--%1 must be an integer in [%2, %3], got '%4'")
                       .arg(name).arg(min).arg(max).arg(m_parser.value(name)));
        return std::nullopt;
    }
    return v;
}

std::optional<double> VerbParser::doubleValue(const QString &name, double min, double max) const
{
    bool ok = false;
    const double v = m_parser.value(name).toDouble(&ok);
    if (!ok || v < min || v > max) {
        usageError(QStringLiteral("--%1 must be a number in [%2, %3], got '%4'")
                       .arg(name).arg(min).arg(max).arg(m_parser.value(name)));
        return std::nullopt;
    }
    return v;
}

void printError(const QString &verb, const QString &message)
{
    const QString line = QStringLiteral("avt-workbench --batch %1: %2\n").arg(verb, message);
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

void printLine(const QString &line)
{
    std::fputs((line + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

} // namespace avt::batch
