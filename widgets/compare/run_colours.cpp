#include "widgets/compare/run_colours.h"

#include <QHash>

#include <algorithm>

namespace avt::widgets {

const QList<QColor> &qualitativePalette()
{
    static const QList<QColor> palette = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                          QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                          QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                          QColor(0x17, 0xbe, 0xcf)};
    return palette;
}

namespace {

int paletteIndexOfName(const QString &name)
{
    // FNV-1a over the UTF-8 bytes: unlike qHash, the same in every process and Qt version.
    quint32 h = 2166136261u;
    for (const char c : name.toUtf8()) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    return int(h % quint32(qualitativePalette().size()));
}

} // namespace

QColor colourOfName(const QString &name) { return qualitativePalette()[paletteIndexOfName(name)]; }

QList<QColor> colourOfNames(const QStringList &names, const QList<bool> &distinct)
{
    const QList<QColor> &p = qualitativePalette();
    QList<bool> taken(p.size(), false);
    int free = int(p.size());
    QList<QColor> out;
    out.reserve(names.size());
    for (int i = 0; i < int(names.size()); ++i) {
        int k = paletteIndexOfName(names[i]);
        if (distinct.value(i) && free > 0) {
            while (taken[k])
                k = (k + 1) % int(p.size());
            taken[k] = true;
            --free;
        }
        out.append(p[k]);
    }
    return out;
}

QList<QColor> colourOfValues(const QStringList &values)
{
    QStringList distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::stable_sort(distinct.begin(), distinct.end(), [](const QString &a, const QString &b) {
        bool okA = false, okB = false;
        const double x = a.toDouble(&okA), y = b.toDouble(&okB);
        if (okA != okB)
            return okA; // numbers first
        return okA && x < y;
    });
    QHash<QString, int> rank;
    for (int i = 0; i < distinct.size(); ++i)
        rank.insert(distinct[i], i);
    const QList<QColor> &p = qualitativePalette();
    QList<QColor> out;
    out.reserve(values.size());
    for (const QString &v : values)
        out.append(p[rank.value(v) % p.size()]);
    return out;
}

} // namespace avt::widgets
