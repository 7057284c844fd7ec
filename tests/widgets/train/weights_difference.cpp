#include "train/weights_difference.h"

#include "run_weights.h"

#include <limits>

namespace avt::testing {

double finalWeightsDifference(const QString &workspace, const QString &runA, const QString &runB)
{
    try {
        return test::maxDifference(test::finalWeights(workspace, runA), test::finalWeights(workspace, runB));
    } catch (const std::exception &) {
        return std::numeric_limits<double>::infinity();
    }
}

} // namespace avt::testing
