#pragma once
// Colours of runs and groups in the comparison view: a fixed qualitative palette (matplotlib's
// tab10), a run or group taking the palette entry its name hashes to (FNV-1a, so a run keeps
// its colour across sessions, filters and selections), or, coloured by a config key, runs with
// the same value sharing the entry of that value's rank among the values present.
#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

namespace avt::widgets {

// The palette, in order.
const QList<QColor> &qualitativePalette();
// The palette entry of a name (stable: the same name always gets the same colour).
QColor colourOfName(const QString &name);
// Colours of names: each its colourOfName(), except that the names marked distinct (taken in
// order) move on to the next palette entry not taken by an earlier marked one, so that the runs
// plotted together never share a colour while the palette lasts. Same order as `names`.
QList<QColor> colourOfNames(const QStringList &names, const QList<bool> &distinct);
// Colours for values of a config key: the distinct values sorted (numbers by value, then text),
// the i-th one taking palette entry i (modulo the palette's size). Same order as `values`.
QList<QColor> colourOfValues(const QStringList &values);

} // namespace avt::widgets
