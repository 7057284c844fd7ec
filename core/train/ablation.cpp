#include "core/train/ablation.h"

#include "core/store/database.h"

#include <algorithm>

namespace avt::train {

QList<Rung> ladderRungs(const QString &ladder)
{
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

Result<QList<TableRow>> tableRows(store::Database &db, const QStringList &runs, const QStringList &labels)
{
    QList<TableRow> rows;
    for (int i = 0; i < runs.size(); ++i) {
        auto run = store::findRun(db, runs[i]);
        if (!run)
            return run.error();
        TableRow row;
        row.label = labels.value(i, runs[i]);
        row.run = runs[i];
        row.status = run->status;
        auto metrics = store::finalMetrics(db, run->id);
        if (!metrics)
            return metrics.error();
        const QString split =
            run->config.value(QStringLiteral("run")).toObject().value(QStringLiteral("eval_split")).toString();
        for (const store::MetricRow &m : *metrics) {
            if (m.split != split)
                continue;
            if (m.name == QLatin1String("top1"))
                row.top1 = m.value;
            else if (m.name == QLatin1String("top5"))
                row.top5 = m.value;
            else if (m.name == QLatin1String("noun_top1"))
                row.noun = m.value;
            else if (m.name == QLatin1String("action_top1"))
                row.action = m.value;
        }
        rows.append(row);
    }
    return rows;
}

namespace {
QString cell(double v) { return v < 0 ? QStringLiteral("-") : QString::number(v, 'f', 1); }
} // namespace

QString tableCsv(const QList<TableRow> &rows, bool epic)
{
    QString out =
        epic ? QStringLiteral("model,run,verb_top1,noun_top1,action_top1\n") : QStringLiteral("model,run,top1,top5\n");
    for (const TableRow &r : rows)
        out +=
            epic
                ? QStringLiteral("\"%1\",%2,%3,%4,%5\n").arg(r.label, r.run, cell(r.top1), cell(r.noun), cell(r.action))
                : QStringLiteral("\"%1\",%2,%3,%4\n").arg(r.label, r.run, cell(r.top1), cell(r.top5));
    return out;
}

QString tableLatex(const QList<TableRow> &rows, bool epic, const QString &caption)
{
    QString out = QStringLiteral("\\begin{table}[t]\n\\centering\n\\begin{tabular}{l%1}\n\\toprule\n")
                      .arg(epic ? QStringLiteral("ccc") : QStringLiteral("cc"));
    out +=
        epic ? QStringLiteral("Models & Verb & Noun & Action \\\\\n") : QStringLiteral("Models & Top-1 & Top-5 \\\\\n");
    out += QStringLiteral("\\midrule\n");
    for (const TableRow &r : rows) {
        QString label = r.label;
        label.replace(QLatin1Char('+'), QStringLiteral("+"));
        out += epic ? QStringLiteral("%1 & %2 & %3 & %4 \\\\\n").arg(label, cell(r.top1), cell(r.noun), cell(r.action))
                    : QStringLiteral("%1 & %2 & %3 \\\\\n").arg(label, cell(r.top1), cell(r.top5));
    }
    out += QStringLiteral("\\bottomrule\n\\end{tabular}\n\\caption{%1}\n\\end{table}\n").arg(caption);
    return out;
}

QString tableText(const QList<TableRow> &rows, bool epic)
{
    QString out = epic ? QStringLiteral("%1 %2 %3 %4  %5\n")
                             .arg(QStringLiteral("Models"), -20)
                             .arg(QStringLiteral("Verb"), 6)
                             .arg(QStringLiteral("Noun"), 6)
                             .arg(QStringLiteral("Action"), 6)
                             .arg(QStringLiteral("run"))
                       : QStringLiteral("%1 %2 %3  %4\n")
                             .arg(QStringLiteral("Models"), -20)
                             .arg(QStringLiteral("Top-1"), 6)
                             .arg(QStringLiteral("Top-5"), 6)
                             .arg(QStringLiteral("run"));
    for (const TableRow &r : rows)
        out += epic ? QStringLiteral("%1 %2 %3 %4  %5\n")
                          .arg(r.label, -20)
                          .arg(cell(r.top1), 6)
                          .arg(cell(r.noun), 6)
                          .arg(cell(r.action), 6)
                          .arg(r.run)
                    : QStringLiteral("%1 %2 %3  %4\n")
                          .arg(r.label, -20)
                          .arg(cell(r.top1), 6)
                          .arg(cell(r.top5), 6)
                          .arg(r.run);
    return out;
}

} // namespace avt::train
