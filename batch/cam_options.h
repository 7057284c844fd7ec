#pragma once
// Options shared by the two Grad-CAM verbs (`gradcam`, `gradcam-check`): --workspace, --layer,
// --class, --head, --method, --weighting, read into the explain service's options.
#include "batch/verb_parser.h"
#include "core/explain/run_gradcam.h"

#include <optional>

namespace avt::batch {

void addCamOptions(VerbParser &p);
// The explain options of those flags; nothing after a usage error was printed.
std::optional<gradcam::ExplainOptions> camOptions(const VerbParser &p);

} // namespace avt::batch
