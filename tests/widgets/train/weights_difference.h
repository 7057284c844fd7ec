#pragma once
// The largest difference between two runs' final weights, for the GUI tests. Kept out of the
// Qt Test sources: LibTorch's headers clash with Qt's `slots` / `signals` keywords, so the .cpp
// is compiled with QT_NO_KEYWORDS.
#include <QString>

namespace avt::testing {

// Largest absolute difference over all tensors; +inf when a run's weights cannot be read or
// the two differ in names or shapes.
double finalWeightsDifference(const QString &workspace, const QString &runA, const QString &runB);

} // namespace avt::testing
