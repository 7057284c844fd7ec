#include "core/launch/launch_spec.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace avt::launch {

namespace {

QString str(const char *s) { return QString::fromLatin1(s); }

QString gpuList(const QList<int> &gpus)
{
    QStringList parts;
    for (int g : gpus)
        parts << QString::number(g);
    return parts.join(QLatin1Char(','));
}

QString joinQuoted(const QStringList &words)
{
    QStringList out;
    for (const QString &w : words)
        out << shellQuote(w);
    return out.join(QLatin1Char(' '));
}

// The train arguments without the placement options, for scripts that place ranks themselves.
QStringList runArguments(const LaunchSpec &s, const QString &workspace)
{
    QStringList a{str("train"), str("--workspace"), workspace};
    if (s.resume) {
        a << str("--resume") << s.name;
    } else {
        if (!s.configFile.isEmpty())
            a << str("--config") << s.configFile;
        if (!s.dataset.isEmpty())
            a << str("--dataset") << s.dataset;
        a << str("--name") << s.name;
    }
    for (const QString &o : s.overrides)
        a << str("--set") << o;
    if (s.maxSteps > 0)
        a << str("--max-steps") << QString::number(s.maxSteps);
    return a;
}

} // namespace

QJsonObject LaunchSpec::toJson() const
{
    QJsonArray gpuArray, overrideArray;
    for (int g : gpus)
        gpuArray.append(g);
    for (const QString &o : overrides)
        overrideArray.append(o);
    return {{str("workspace"), workspace},
            {str("name"), name},
            {str("dataset"), dataset},
            {str("config"), configFile},
            {str("overrides"), overrideArray},
            {str("resume"), resume},
            {str("nproc"), nproc},
            {str("gpus"), gpuArray},
            {str("share_gpus"), shareGpus},
            {str("max_steps"), maxSteps},
            {str("master_port"), masterPort}};
}

Result<LaunchSpec> LaunchSpec::fromJson(const QJsonObject &o)
{
    LaunchSpec s;
    s.workspace = o.value(str("workspace")).toString();
    s.name = o.value(str("name")).toString();
    s.dataset = o.value(str("dataset")).toString();
    s.configFile = o.value(str("config")).toString();
    for (const auto v : o.value(str("overrides")).toArray()) {
        if (!v.isString())
            return makeError(str("queue"), QStringLiteral("launch of '%1': an override is not text").arg(s.name));
        s.overrides << v.toString();
    }
    s.resume = o.value(str("resume")).toBool();
    s.nproc = o.value(str("nproc")).toInt(1);
    for (const auto v : o.value(str("gpus")).toArray()) {
        if (!v.isDouble() || v.toInt() < 0)
            return makeError(str("queue"), QStringLiteral("launch of '%1': a GPU index is not a number").arg(s.name));
        s.gpus << v.toInt();
    }
    s.shareGpus = o.value(str("share_gpus")).toBool();
    s.maxSteps = qint64(o.value(str("max_steps")).toDouble());
    s.masterPort = o.value(str("master_port")).toInt();
    if (s.name.isEmpty() || s.nproc < 1 || s.nproc > 1024 || s.masterPort < 0 || s.masterPort > 65535)
        return makeError(str("queue"), QStringLiteral("launch '%1': name, nproc (1..1024) or master_port (0..65535) "
                                                      "out of range")
                                           .arg(s.name));
    return s;
}

QStringList trainArguments(const LaunchSpec &s)
{
    QStringList a = runArguments(s, s.workspace);
    if (s.nproc > 1) {
        a << str("--nproc-per-node") << QString::number(s.nproc);
        if (s.masterPort > 0)
            a << str("--master-port") << QString::number(s.masterPort);
    }
    a << str("--progress") << str("json");
    return a;
}

QStringList prepareArguments(const LaunchSpec &s)
{
    QStringList a{str("prepare"), str("--workspace"), s.workspace};
    if (!s.configFile.isEmpty())
        a << str("--config") << s.configFile;
    if (!s.dataset.isEmpty())
        a << str("--dataset") << s.dataset;
    for (const QString &o : s.overrides)
        a << str("--set") << o;
    a << str("--progress") << str("json");
    return a;
}

QMap<QString, QString> launchEnvironment(const LaunchSpec &s)
{
    QMap<QString, QString> env;
    if (!s.gpus.isEmpty())
        env.insert(str("CUDA_VISIBLE_DEVICES"), gpuList(s.gpus));
    return env;
}

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString w = word;
    w.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + w + QLatin1Char('\'');
}

QString shellCommand(const QString &program, const LaunchSpec &s)
{
    QStringList words;
    const auto env = launchEnvironment(s);
    for (auto it = env.begin(); it != env.end(); ++it)
        words << it.key() + QLatin1Char('=') + shellQuote(it.value());
    words << shellQuote(program) << str("--batch");
    QStringList args = trainArguments(s);
    // The copied command is for a terminal: a bar there, JSON lines for the workbench.
    args.removeLast();
    args.removeLast();
    for (const QString &a : args)
        words << shellQuote(a);
    return words.join(QLatin1Char(' '));
}

QString slurmScript(const LaunchSpec &s, const SlurmOptions &o)
{
    const QString workspace = o.workspace.isEmpty() ? s.workspace : o.workspace;
    QStringList lines;
    lines << str("#!/bin/bash");
    lines << QStringLiteral("# Written by AVT Workbench for run '%1'. Submit with: sbatch %2")
                 .arg(s.name, str("<this file>"));
    lines << QStringLiteral("#SBATCH --job-name=%1").arg(shellQuote(o.jobName.isEmpty() ? s.name : o.jobName));
    lines << QStringLiteral("#SBATCH --nodes=%1").arg(o.nodes);
    lines << QStringLiteral("#SBATCH --ntasks-per-node=%1").arg(o.tasksPerNode);
    if (o.gpusPerTask > 0)
        lines << QStringLiteral("#SBATCH --gpus-per-task=%1").arg(o.gpusPerTask);
    lines << QStringLiteral("#SBATCH --cpus-per-task=%1").arg(o.cpusPerTask);
    lines << QStringLiteral("#SBATCH --time=%1").arg(o.time);
    if (!o.partition.isEmpty())
        lines << QStringLiteral("#SBATCH --partition=%1").arg(shellQuote(o.partition));
    if (!o.account.isEmpty())
        lines << QStringLiteral("#SBATCH --account=%1").arg(shellQuote(o.account));
    lines << QStringLiteral("#SBATCH --output=%1").arg(shellQuote(workspace + QStringLiteral("/logs/slurm-%x-%j.out")));
    lines << QString();
    lines << str("set -euo pipefail");
    lines << str("# Rank 0 listens on the first node; every task reads SLURM_PROCID / SLURM_NTASKS / SLURM_LOCALID.");
    lines << str("export MASTER_ADDR=\"$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\"");
    lines << QStringLiteral("export MASTER_PORT=%1").arg(o.masterPort);
    lines << QString();
    QStringList args = runArguments(s, workspace);
    if (!s.resume)
        args << str("--set") << str("run.device=") + (o.gpusPerTask > 0 ? str("cuda") : str("cpu"));
    args << str("--progress") << str("lines");
    lines << str("srun ") + shellQuote(o.program) + str(" --batch ") + joinQuoted(args);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString torchrunCommand(const LaunchSpec &s, const SlurmOptions &o, const QString &endpointHost)
{
    const QString workspace = o.workspace.isEmpty() ? s.workspace : o.workspace;
    QStringList words{str("torchrun"),
                      QStringLiteral("--nnodes=%1").arg(o.nodes),
                      QStringLiteral("--nproc-per-node=%1").arg(o.tasksPerNode),
                      str("--rdzv-backend=c10d"),
                      QStringLiteral("--rdzv-endpoint=%1:%2").arg(shellQuote(endpointHost)).arg(o.masterPort),
                      str("--no-python"),
                      shellQuote(o.program),
                      str("--batch")};
    QStringList args = runArguments(s, workspace);
    args << str("--progress") << str("lines");
    return words.join(QLatin1Char(' ')) + QLatin1Char(' ') + joinQuoted(args);
}

QString launchOutputFile(const QString &workspace, const QString &run)
{
    return QDir(workspace).filePath(QStringLiteral("runs/%1/logs/launch.jsonl").arg(run));
}

QString launchErrorFile(const QString &workspace, const QString &run)
{
    return QDir(workspace).filePath(QStringLiteral("runs/%1/logs/launch.log").arg(run));
}

} // namespace avt::launch
