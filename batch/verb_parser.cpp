#include "batch/verb_parser.h"

#include "core/train/run_config.h"
#include "model/config/model_config.h"

#include <QCoreApplication>
#include <QFile>

#include <cmath>
#include <cstdio>

namespace avt::batch {

VerbParser::VerbParser(QString verb, QString description) : m_verb(std::move(verb))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

void VerbParser::addWorkspaceOption(const QString &help)
{
    m_parser.addOption({{QStringLiteral("w"), QStringLiteral("workspace")},
                        help.isEmpty() ? QStringLiteral("Workspace folder.") : help,
                        QStringLiteral("DIR")});
}

void VerbParser::addProgressOption(const QString &defaultMode)
{
    m_parser.addOption({QStringLiteral("progress"), QStringLiteral("auto, bar, lines, json or none."),
                        QStringLiteral("MODE"), defaultMode});
}

void VerbParser::addRunConfigOptions()
{
    m_parser.addOption(
        {QStringLiteral("config"), QStringLiteral("Run config file (JSON or YAML)."), QStringLiteral("FILE")});
    m_parser.addOption({QStringLiteral("set"),
                        QStringLiteral("Override one config key (repeatable), e.g. --set losses.avc=0.5."),
                        QStringLiteral("KEY=VALUE")});
    m_parser.addOption({QStringLiteral("preset"), QStringLiteral("Model preset (same as --set model.preset=NAME)."),
                        QStringLiteral("NAME")});
}

void VerbParser::addThreadsOption(const QString &help, const QString &defaultValue)
{
    m_parser.addOption({QStringLiteral("threads"), help, QStringLiteral("N"), defaultValue});
}

void VerbParser::addPositional(const QString &name, const QString &description, const QString &syntax)
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

int VerbParser::fail(const Error &error) const { return fail(error.message); }

int VerbParser::fail(const QString &message) const
{
    printError(m_verb, message);
    return ExitFailure;
}

std::optional<Progress::Mode> VerbParser::progressMode() const
{
    Progress::Mode mode;
    if (!Progress::parseMode(m_parser.value(QStringLiteral("progress")), &mode)) {
        usageError(QStringLiteral("--progress must be auto, bar, lines, json or none"));
        return std::nullopt;
    }
    return mode;
}

Result<train::RunConfig> VerbParser::runConfig() const
{
    train::RunConfig cfg;
    if (m_parser.isSet(QStringLiteral("config"))) {
        auto loaded = train::RunConfig::fromFile(m_parser.value(QStringLiteral("config")));
        if (!loaded)
            return loaded.error();
        cfg = *loaded;
    }
    if (m_parser.isSet(QStringLiteral("preset")))
        if (auto st = cfg.set(QStringLiteral("model.preset"), m_parser.value(QStringLiteral("preset"))); !st)
            return st.error();
    if (auto st = cfg.applyOverrides(m_parser.values(QStringLiteral("set"))); !st)
        return st.error();
    return cfg;
}

Result<train::RunConfig> VerbParser::runConfigWithDataset() const
{
    auto cfg = runConfig();
    if (cfg && m_parser.isSet(QStringLiteral("dataset")))
        if (auto st = cfg->set(QStringLiteral("run.dataset"), m_parser.value(QStringLiteral("dataset"))); !st)
            return st.error();
    return cfg;
}

Result<model::ModelConfig> VerbParser::modelConfig(const QString &presetName) const
{
    const QString usage = QStringLiteral("usage");
    auto cfg = model::ModelConfig::preset(presetName.toStdString());
    if (!cfg)
        return makeError(
            usage,
            QStringLiteral("unknown preset '%1' (known: avt-base, avt-small, avt-tiny, mbt-base)").arg(presetName));
    std::string err;
    if (m_parser.isSet(QStringLiteral("config"))) {
        QFile f(m_parser.value(QStringLiteral("config")));
        if (!f.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("file"),
                             QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        if (!model::ModelConfig::fromString(f.readAll().toStdString(), *cfg, &err))
            return makeError(QStringLiteral("file"),
                             QStringLiteral("%1: %2").arg(f.fileName(), QString::fromStdString(err)));
    }
    for (const QString &kv : m_parser.values(QStringLiteral("set"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq < 0)
            return makeError(usage, QStringLiteral("--set expects key=value, got '%1'").arg(kv));
        if (!cfg->set(kv.left(eq).toStdString(), kv.mid(eq + 1).toStdString(), &err))
            return makeError(usage, QString::fromStdString(err));
    }
    if (const std::string v = cfg->validate(); !v.empty())
        return makeError(usage, QString::fromStdString(v));
    return *cfg;
}

int VerbParser::exitFor(const Error &error) const
{
    return error.code == QLatin1String("usage") ? usageError(error.message) : fail(error);
}

std::optional<double> VerbParser::checkedNumber(const QString &name, double min, double max, bool integer) const
{
    bool ok = false;
    const QString text = m_parser.value(name);
    const double v = integer ? double(text.toInt(&ok)) : text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max) { // "nan" and "inf" parse, but are no values
        usageError(QStringLiteral("--%1 must be %2 in [%3, %4], got '%5'")
                       .arg(name, integer ? QStringLiteral("an integer") : QStringLiteral("a number"))
                       .arg(min, 0, 'g', 12)
                       .arg(max, 0, 'g', 12)
                       .arg(text));
        return std::nullopt;
    }
    return v;
}

std::optional<int> VerbParser::intValue(const QString &name, int min, int max) const
{
    const auto v = checkedNumber(name, min, max, true);
    return v ? std::optional<int>(int(*v)) : std::nullopt;
}

std::optional<double> VerbParser::doubleValue(const QString &name, double min, double max) const
{
    return checkedNumber(name, min, max, false);
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
