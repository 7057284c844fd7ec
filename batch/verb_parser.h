#pragma once
// The verb layer's shared plumbing: every batch verb (`avt-workbench --batch VERB [ARGS...]`) is
// a thin adapter in batch/verbs/<verb>.cpp that parses its options with a VerbParser, builds a
// request, calls a service in its concept folder under core/, and returns an exit status:
// 0 done, 1 the job failed (one message naming the file / row / value and the cause), 2 bad
// usage (one line on stderr). Verbs print results on stdout and diagnostics on stderr; every
// verb understands --help. Services never include anything from batch/.
//
// Writing a verb (then add it to batch/registry.cpp):
//   int runFoo(const QStringList &args) {
//       VerbParser p(QStringLiteral("foo"), QStringLiteral("Does foo to MEDIA in a workspace."));
//       p.addPositional(QStringLiteral("MEDIA"), QStringLiteral("Input file"));
//       p.addWorkspaceOption();
//       p.addProgressOption();
//       if (auto code = p.parse(args)) return *code;          // --help or bad usage handled
//       const auto mode = p.progressMode();
//       if (!mode) return ExitUsage;                          // message already printed
//       auto ws = store::Workspace::open(p.value(QStringLiteral("workspace")));
//       if (!ws) return p.fail(ws.error());                   // prints it, returns 1
//       ...
//   }
#include "core/util/progress.h"
#include "core/util/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace avt::model {
struct ModelConfig;
}
namespace avt::train {
class RunConfig;
}

namespace avt::batch {

enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

struct Verb {
    QString name;
    QString summary;
    std::function<int(const QStringList &args)> run;
};

// QCommandLineParser set up for one verb, with --help, uniform error reporting and the options
// that several verbs share (same names, help and checks everywhere).
class VerbParser {
public:
    VerbParser(QString verb, QString description);

    const QString &verb() const { return m_verb; }

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addPositional(const QString &name, const QString &description, const QString &syntax = QString());
    // Number of positional arguments allowed: [min, max]; max < 0 means unbounded.
    void setPositionalRange(int min, int max)
    {
        m_minPos = min;
        m_maxPos = max;
    }

    // Shared options.
    // -w / --workspace DIR; `help` replaces the default "Workspace folder.".
    void addWorkspaceOption(const QString &help = QString());
    // --progress MODE (auto, bar, lines, json, none) with the given default.
    void addProgressOption(const QString &defaultMode = QStringLiteral("auto"));
    // --config FILE, --preset NAME, --set KEY=VALUE (repeatable): a run config.
    void addRunConfigOptions();
    // --threads N with the given help and default (empty: no default).
    void addThreadsOption(const QString &help, const QString &defaultValue = QString());

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
    // Prints the error (or message) the same way; returns ExitFailure.
    int fail(const Error &error) const;
    int fail(const QString &message) const;

    // Typed option readers; on a bad or missing value (also "nan", "inf") they print a usage error
    // and return nothing.
    std::optional<int> intValue(const QString &name, int min, int max) const;
    std::optional<double> doubleValue(const QString &name, double min, double max) const;
    // --progress.
    std::optional<Progress::Mode> progressMode() const;
    // The run config of --config, then --preset, then --set, in that order; the error names
    // the file or key.
    Result<train::RunConfig> runConfig() const;
    // runConfig(), then --dataset NAME (an option the verb added) as run.dataset.
    Result<train::RunConfig> runConfigWithDataset() const;
    // A model config: the preset, then --config FILE (key=value lines), then each --set
    // KEY=VALUE, validated. Errors have code "usage" (bad preset, key or value) or "file".
    Result<model::ModelConfig> modelConfig(const QString &presetName) const;
    // Prints the error and returns ExitUsage for code "usage", ExitFailure otherwise.
    int exitFor(const Error &error) const;

private:
    std::optional<double> checkedNumber(const QString &name, double min, double max, bool integer) const;

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
