#include "core/compare/tables.h"

#include "core/train/ablation.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace avt::compare {

namespace {

QString number(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

// Exact (shortest round-trip) for machine-read formats.
QString exact(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', QLocale::FloatingPointShortest) : QString();
}

bool hasSpread(const Table &t, int column)
{
    return std::any_of(t.rows.cbegin(), t.rows.cend(), [&](const QList<Cell> &row) {
        return column < row.size() && row[column].numeric() && row[column].n > 1;
    });
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString latexEscape(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\textbackslash{}"));
    for (const char *c : {"&", "%", "$", "#", "_", "{", "}"})
        s.replace(QLatin1String(c), QStringLiteral("\\") + QLatin1String(c));
    s.replace(QLatin1Char('~'), QStringLiteral("\\textasciitilde{}"));
    s.replace(QLatin1Char('^'), QStringLiteral("\\textasciicircum{}"));
    return s;
}

// A cell for people: "81.25", "81.25 ± 1.20" (pm: the ± as the format writes it).
QString shown(const Cell &c, int decimals, const QString &pm)
{
    if (!c.numeric())
        return c.text;
    if (c.n > 1 && std::isfinite(c.std))
        return number(c.value, decimals) + pm + number(c.std, decimals);
    return number(c.value, decimals);
}

// The prefix of a run named "<prefix>-<suffix>[-seedN]" for one of the ladder's suffixes (the
// longest suffix that matches), with the suffix; empty when none matches.
QPair<QString, QString> splitLadderName(const QString &name, const QList<train::Rung> &rungs)
{
    static const QRegularExpression seed(QStringLiteral("-seed\\d+$"));
    QString base = name;
    base.remove(seed);
    QPair<QString, QString> best;
    for (const train::Rung &r : rungs) {
        const QString tail = QLatin1Char('-') + r.suffix;
        if (base.endsWith(tail) && base.size() > tail.size() && r.suffix.size() > best.second.size())
            best = {base.left(base.size() - tail.size()), r.suffix};
    }
    return best;
}

} // namespace

Cell Cell::ofText(const QString &t)
{
    Cell c;
    c.text = t.isNull() ? QStringLiteral("") : t;
    return c;
}

Cell Cell::ofNumber(double v)
{
    Cell c;
    c.value = v;
    c.n = std::isfinite(v) ? 1 : 0;
    return c;
}

Cell Cell::ofSpread(const Spread &s)
{
    Cell c;
    c.value = s.mean;
    c.std = s.n > 1 ? s.std : std::nan("");
    c.n = s.n;
    return c;
}

QString toCsv(const Table &t)
{
    QStringList header;
    QList<bool> spread;
    for (int i = 0; i < t.headers.size(); ++i) {
        spread.append(hasSpread(t, i));
        header.append(csvField(t.headers[i]));
        if (spread.back())
            header << csvField(t.headers[i] + QStringLiteral(" std")) << csvField(t.headers[i] + QStringLiteral(" n"));
    }
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QList<Cell> &row : t.rows) {
        QStringList fields;
        for (int i = 0; i < t.headers.size(); ++i) {
            const Cell c = row.value(i, Cell::ofText(QString()));
            fields.append(c.numeric() ? exact(c.value) : csvField(c.text));
            if (spread[i])
                fields << (c.numeric() && c.n > 1 ? exact(c.std) : QString())
                       << (c.numeric() ? QString::number(c.n) : QString());
        }
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString toLatex(const Table &t)
{
    QString cols;
    for (int i = 0; i < t.headers.size(); ++i) {
        const bool numeric = std::any_of(t.rows.cbegin(), t.rows.cend(),
                                         [&](const QList<Cell> &r) { return i < r.size() && r[i].numeric(); });
        cols += numeric ? QLatin1Char('r') : QLatin1Char('l');
    }
    QString out = QStringLiteral("\\begin{table}[t]\n\\centering\n");
    if (!t.caption.isEmpty())
        out += QStringLiteral("\\caption{%1}\n").arg(latexEscape(t.caption));
    out += QStringLiteral("\\begin{tabular}{%1}\n\\toprule\n").arg(cols);
    QStringList head;
    for (const QString &h : t.headers)
        head.append(latexEscape(h));
    out += head.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\midrule\n");
    for (const QList<Cell> &row : t.rows) {
        QStringList cells;
        for (int i = 0; i < t.headers.size(); ++i) {
            const Cell c = row.value(i, Cell::ofText(QString()));
            cells.append(c.numeric() ? shown(c, t.decimals, QStringLiteral(" $\\pm$ ")) : latexEscape(c.text));
        }
        out += cells.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    }
    out += QStringLiteral("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    return out;
}

QString toMarkdown(const Table &t)
{
    auto esc = [](QString s) { return s.replace(QLatin1Char('|'), QStringLiteral("\\|")); };
    QString out;
    if (!t.caption.isEmpty())
        out += t.caption + QStringLiteral("\n\n");
    QStringList head, rule;
    for (int i = 0; i < t.headers.size(); ++i) {
        head.append(esc(t.headers[i]));
        const bool numeric = std::any_of(t.rows.cbegin(), t.rows.cend(),
                                         [&](const QList<Cell> &r) { return i < r.size() && r[i].numeric(); });
        rule.append(numeric ? QStringLiteral("---:") : QStringLiteral("---"));
    }
    out += QStringLiteral("| ") + head.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    out += QStringLiteral("| ") + rule.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    for (const QList<Cell> &row : t.rows) {
        QStringList cells;
        for (int i = 0; i < t.headers.size(); ++i)
            cells.append(esc(shown(row.value(i, Cell::ofText(QString())), t.decimals, QStringLiteral(" ± "))));
        out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return out;
}

QString toText(const Table &t)
{
    QList<QStringList> lines{t.headers};
    for (const QList<Cell> &row : t.rows) {
        QStringList cells;
        for (int i = 0; i < t.headers.size(); ++i)
            cells.append(shown(row.value(i, Cell::ofText(QString())), t.decimals, QStringLiteral(" ± ")));
        lines.append(cells);
    }
    QList<int> width(t.headers.size(), 0);
    for (const QStringList &l : lines)
        for (int i = 0; i < l.size(); ++i)
            width[i] = std::max(width[i], int(l[i].size()));
    QString out;
    if (!t.caption.isEmpty())
        out += t.caption + QLatin1Char('\n');
    for (int r = 0; r < lines.size(); ++r) {
        QStringList cells;
        for (int i = 0; i < lines[r].size(); ++i) {
            const bool numeric = r > 0 && t.rows[r - 1].value(i).numeric();
            cells.append(numeric ? lines[r][i].rightJustified(width[i]) : lines[r][i].leftJustified(width[i]));
        }
        out += cells.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    }
    return out;
}

Result<QString> formatTable(const Table &t, const QString &format)
{
    const QString f = format.toLower();
    if (f == QLatin1String("csv"))
        return toCsv(t);
    if (f == QLatin1String("latex") || f == QLatin1String("tex"))
        return toLatex(t);
    if (f == QLatin1String("markdown") || f == QLatin1String("md"))
        return toMarkdown(t);
    if (f == QLatin1String("text") || f == QLatin1String("txt"))
        return toText(t);
    return makeError(QStringLiteral("usage"),
                     QStringLiteral("unknown table format '%1' (csv, latex, markdown, text)").arg(format));
}

Result<Table> runsTable(store::Database &db, const QList<RunRecord> &runs, QList<int> indexes,
                        const RunsTableSpec &spec)
{
    if (indexes.isEmpty())
        for (int i = 0; i < runs.size(); ++i)
            indexes.append(i);
    Table t;
    const bool grouped = spec.groupSeeds || !spec.groupKeys.isEmpty();
    t.headers << (grouped ? QStringLiteral("group") : QStringLiteral("run"));
    if (grouped)
        t.headers << QStringLiteral("runs");
    t.headers << QStringLiteral("dataset") << QStringLiteral("status") << QStringLiteral("preset");
    t.headers += spec.configKeys;
    for (const QString &id : spec.metricIds)
        t.headers << (spec.at.at == SummaryAt::End ? id : QStringLiteral("%1 @%2").arg(id, describeSpec(spec.at)));
    t.headers << QStringLiteral("duration s") << QStringLiteral("world size");
    if (spec.at.at != SummaryAt::End)
        t.caption = QStringLiteral("Metrics at %1.").arg(describeSpec(spec.at));

    QHash<int, SummaryValues> values;
    for (int i : indexes) {
        auto v = summarize(db, runs[i], spec.metricIds, spec.at);
        if (!v)
            return v.error();
        values.insert(i, *v);
    }
    const QList<RunGroup> groups = !spec.groupKeys.isEmpty() ? groupBy(runs, indexes, spec.groupKeys)
                                   : spec.groupSeeds         ? groupSeeds(runs, indexes)
                                                             : groupBy(runs, indexes, {});
    // A text column of a group: its value when the members agree, else their values joined.
    auto common = [&](const RunGroup &g, auto &&get) {
        QStringList seen;
        for (int i : g.members) {
            const QString v = get(runs[i]);
            if (!seen.contains(v))
                seen.append(v);
        }
        return seen.join(QStringLiteral(" | "));
    };
    for (const RunGroup &g : groups) {
        QList<Cell> row;
        row << Cell::ofText(g.label);
        if (grouped)
            row << Cell::ofText(QString::number(g.members.size()));
        row << Cell::ofText(common(g, [](const RunRecord &r) { return r.dataset; }))
            << Cell::ofText(common(g, [](const RunRecord &r) { return r.status; }))
            << Cell::ofText(common(g, [](const RunRecord &r) { return r.preset; }));
        for (const QString &k : spec.configKeys)
            row << Cell::ofText(common(g, [&](const RunRecord &r) { return r.config.value(k); }));
        for (const QString &id : spec.metricIds) {
            std::vector<double> v;
            for (int i : g.members)
                v.push_back(values[i].values.value(id, std::nan("")));
            row << (g.members.size() > 1 ? Cell::ofSpread(describe(v)) : Cell::ofNumber(v.front()));
        }
        std::vector<double> durations;
        for (int i : g.members)
            durations.push_back(runs[i].durationSeconds);
        row << (g.members.size() > 1 ? Cell::ofSpread(describe(durations)) : Cell::ofNumber(durations.front()));
        row << Cell::ofText(common(g, [](const RunRecord &r) { return QString::number(r.info.worldSize); }));
        t.rows.append(row);
    }
    return t;
}

QStringList ladderPrefixes(const QList<RunRecord> &runs)
{
    const QList<train::Rung> rungs = train::ladderRungs(QStringLiteral("table4"));
    QHash<QString, QSet<QString>> found;
    QStringList order;
    for (const RunRecord &r : runs) {
        const auto [prefix, suffix] = splitLadderName(r.info.name, rungs);
        if (prefix.isEmpty())
            continue;
        if (!found.contains(prefix))
            order.append(prefix);
        found[prefix].insert(suffix);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](const QString &a, const QString &b) { return found[a].size() > found[b].size(); });
    return order;
}

Result<Table> ladderTable(store::Database &db, const QList<RunRecord> &runs, const QString &prefixIn,
                          const SummarySpec &at)
{
    QString prefix = prefixIn;
    if (prefix.isEmpty()) {
        const QStringList prefixes = ladderPrefixes(runs);
        if (prefixes.isEmpty())
            return makeError(QStringLiteral("data"),
                             QStringLiteral("no Table 4 ladder among the runs (runs named <prefix>-<rung>, as "
                                            "`ablate` names them)"));
        prefix = prefixes.front();
    }
    const QList<train::Rung> rungs = train::ladderRungs(QStringLiteral("table4"));
    // EPIC runs record noun and action accuracy as well.
    bool epic = false;
    QList<QPair<const train::Rung *, QList<int>>> members;
    for (const train::Rung &rung : rungs) {
        QList<int> found;
        for (int i = 0; i < runs.size(); ++i) {
            const auto [p, s] = splitLadderName(runs[i].info.name, rungs);
            if (p == prefix && s == rung.suffix) {
                found.append(i);
                const QString split = runs[i].config.value(QStringLiteral("run.eval_split"));
                epic = epic || runs[i].metrics.contains(metricId(split, QStringLiteral("action_top1")));
            }
        }
        if (!found.isEmpty())
            members.append({&rung, found});
    }
    if (members.isEmpty())
        return makeError(QStringLiteral("data"), QStringLiteral("no runs of ladder '%1'").arg(prefix));
    Table t;
    t.caption = QStringLiteral("Ablation ladder %1 (Table 4 layout%2).")
                    .arg(prefix, at.at == SummaryAt::End ? QString() : QStringLiteral(", at ") + describeSpec(at));
    const QStringList names =
        epic ? QStringList{QStringLiteral("top1"), QStringLiteral("noun_top1"), QStringLiteral("action_top1")}
             : QStringList{QStringLiteral("top1"), QStringLiteral("top5")};
    t.headers << QStringLiteral("Method");
    t.headers += epic ? QStringList{QStringLiteral("Verb"), QStringLiteral("Noun"), QStringLiteral("Action")}
                      : QStringList{QStringLiteral("Top-1"), QStringLiteral("Top-5")};
    t.headers << QStringLiteral("Seeds") << QStringLiteral("Runs");
    for (const auto &[rung, found] : members) {
        std::vector<std::vector<double>> values(size_t(names.size()));
        QStringList runNames;
        for (int i : found) {
            const QString split = runs[i].config.value(QStringLiteral("run.eval_split"));
            QStringList ids;
            for (const QString &n : names)
                ids.append(metricId(split, n));
            auto v = summarize(db, runs[i], ids, at);
            if (!v)
                return v.error();
            for (int k = 0; k < ids.size(); ++k)
                values[size_t(k)].push_back(v->values.value(ids[k], std::nan("")));
            runNames.append(runs[i].info.name);
        }
        QList<Cell> row{Cell::ofText(rung->label)};
        for (const auto &v : values)
            row << (v.size() > 1 ? Cell::ofSpread(describe(v)) : Cell::ofNumber(v.front()));
        row << Cell::ofText(QString::number(found.size())) << Cell::ofText(runNames.join(QLatin1Char(' ')));
        t.rows.append(row);
    }
    t.decimals = 2;
    return t;
}

} // namespace avt::compare
