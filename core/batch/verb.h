#pragma once
// Headless batch verbs: `avt-workbench --batch VERB [ARGS...]`.
//
// Each verb is a name, a one-line summary and a function taking its own arguments (the
// words after the verb) and returning an exit status: 0 success, 1 the job failed,
// 2 bad usage (unknown option, missing argument). Verbs print results on stdout and
// diagnostics on stderr. Every verb understands --help.
//
// Writing a verb:
//   int runFoo(const QStringList &args) {
//       VerbParser p(QStringLiteral("foo"), QStringLiteral("Does foo to MEDIA."));
//       p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Input file"));
//       p.addOption({QStringLiteral("out"), QStringLiteral("Output file"), QStringLiteral("FILE")});
//       if (auto code = p.parse(args)) return *code;   // --help or bad usage handled
//       ...
//   }
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace avt::batch {

enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

struct Verb {
    QString name;
    QString summary;
    std::function<int(const QStringList &args)> run;
};

// QCommandLineParser set up for one verb, with --help and uniform error reporting.
class VerbParser {
public:
    VerbParser(QString verb, QString description);

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description,
                       const QString &syntax = QString());
    // Number of positional arguments allowed: [min, max]; max < 0 means unbounded.
    void setPositionalRange(int min, int max) { m_minPos = min; m_maxPos = max; }

    // Parses args. Returns an exit code to return right away (0 after --help, 2 after a
    // usage error, with a one-line message on stderr), or nothing to go on.
    std::optional<int> parse(const QStringList &args);

    QCommandLineParser &parser() { return m_parser; }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // Prints "avt-workbench --batch VERB: MESSAGE" on stderr; returns ExitUsage.
    int usageError(const QString &message) const;

    // Typed option readers; on a bad value they print a usage error and return nothing.
    std::optional<int> intValue(const QString &name, int min, int max) const;
    std::optional<double> doubleValue(const QString &name, double min, double max) const;

private:
    QString m_verb;
    QCommandLineParser m_parser;
    int m_minPos = 0;
    int m_maxPos = -1;
};

// Prints a line on stderr, prefixed with the verb name: "VERB: MESSAGE".
void printError(const QString &verb, const QString &message);
// Prints a line on stdout.
void printLine(const QString &line);

} // namespace avt::batch
