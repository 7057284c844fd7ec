#pragma once
// The list of batch verbs. Each verb's run function lives next to the service it drives
// (core/<area>/...verb.cpp) and is declared here; verbs.cpp assembles the list.
#include "core/batch/verb.h"

#include <vector>

namespace avt::batch {

// All verbs, in the order --help lists them.
const std::vector<Verb> &allVerbs();
const Verb *findVerb(const QString &name);

} // namespace avt::batch
