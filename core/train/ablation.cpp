#include "core/train/ablation.h"

#include <QRegularExpression>

#include <algorithm>

namespace avt::train {

QList<Rung> ladderRungs(const QString &ladder)
{
    if (ladder == QLatin1String("none"))
        return {{QStringLiteral("Base"), QString(), {}}};
    if (ladder != QLatin1String("table4"))
        return {};
    const QStringList none{QStringLiteral("losses.avc=0"), QStringLiteral("losses.avm=0"),
                           QStringLiteral("losses.masked=0"), QStringLiteral("masking.audio=none"),
                           QStringLiteral("masking.video=none")};
    const QStringList avc{QStringLiteral("model.fusion.mode=avt"), QStringLiteral("losses.avc=0.5"),
                          QStringLiteral("losses.avm=0"),          QStringLiteral("losses.masked=0"),
                          QStringLiteral("masking.audio=none"),    QStringLiteral("masking.video=none")};
    auto with = [](QStringList base, const QStringList &more) {
        for (const QString &m : more) {
            const QString key = m.section(QLatin1Char('='), 0, 0);
            base.erase(std::remove_if(base.begin(), base.end(),
                                      [&](const QString &b) { return b.section(QLatin1Char('='), 0, 0) == key; }),
                       base.end());
            base.append(m);
        }
        return base;
    };
    return {
        {QStringLiteral("Audio Only"), QStringLiteral("audio"),
         with(none, {QStringLiteral("model.fusion.mode=audio")})},
        {QStringLiteral("Video Only"), QStringLiteral("video"),
         with(none, {QStringLiteral("model.fusion.mode=video")})},
        {QStringLiteral("Avg"), QStringLiteral("avg"), with(none, {QStringLiteral("model.fusion.mode=late")})},
        {QStringLiteral("AVBottleneck"), QStringLiteral("avbottleneck"),
         with(none, {QStringLiteral("model.fusion.mode=avt")})},
        {QStringLiteral("+AVC"), QStringLiteral("avc"), avc},
        {QStringLiteral("+AVC+AVM"), QStringLiteral("avc-avm"), with(avc, {QStringLiteral("losses.avm=0.1")})},
        {QStringLiteral("+AVC+AVM+MAV"), QStringLiteral("avc-avm-mav"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"),
                    QStringLiteral("masking.audio=random"), QStringLiteral("masking.video=random")})},
        {QStringLiteral("+AVC+AVM+MASegmV"), QStringLiteral("avc-avm-masegmv"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"),
                    QStringLiteral("masking.audio=segment"), QStringLiteral("masking.video=random")})},
    };
}

Result<Sweep> parseSweep(const QString &text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    Sweep sweep;
    sweep.key = text.left(eq).trimmed();
    for (const QString &v : text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!v.trimmed().isEmpty() && !sweep.values.contains(v.trimmed()))
            sweep.values.append(v.trimmed());
    if (eq <= 0 || sweep.key.isEmpty() || sweep.values.isEmpty())
        return makeError(QStringLiteral("usage"),
                         QStringLiteral("'%1': a sweep is KEY=VALUE,VALUE,... (e.g. optim.lr=1e-4,3e-4)").arg(text));
    return sweep;
}

QList<PlannedRun> planRuns(const QString &prefix, const QList<Rung> &rungs, const QList<Sweep> &sweeps, int seeds,
                           qint64 firstSeed)
{
    static const QRegularExpression notInName(QStringLiteral("[^A-Za-z0-9._+-]"));
    // Every combination of the sweeps' values, the first sweep varying slowest.
    QList<QList<int>> combos{{}};
    for (const Sweep &sw : sweeps) {
        QList<QList<int>> next;
        for (const QList<int> &c : combos)
            for (int v = 0; v < sw.values.size(); ++v)
                next.append(c + QList<int>{v});
        combos = next;
    }
    QList<PlannedRun> out;
    for (const Rung &rung : rungs)
        for (const QList<int> &combo : combos)
            for (int k = 0; k < std::max(1, seeds); ++k) {
                PlannedRun run;
                run.rung = rung.suffix;
                run.settings = rung.settings;
                run.seed = firstSeed + k;
                QStringList nameParts{prefix}, labelParts{rung.label};
                if (!rung.suffix.isEmpty())
                    nameParts << rung.suffix;
                for (int i = 0; i < combo.size(); ++i) {
                    const Sweep &sw = sweeps[i];
                    const QString value = sw.values[combo[i]];
                    run.settings << sw.key + QLatin1Char('=') + value;
                    QString part = sw.key.section(QLatin1Char('.'), -1) + value;
                    nameParts << part.replace(notInName, QStringLiteral("_"));
                    labelParts << QStringLiteral("%1=%2").arg(sw.key, value);
                }
                if (k > 0)
                    nameParts << QStringLiteral("seed%1").arg(run.seed);
                run.name = nameParts.join(QLatin1Char('-'));
                run.label = labelParts.join(QStringLiteral(", "));
                out.append(run);
            }
    return out;
}

} // namespace avt::train
