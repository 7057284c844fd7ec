#pragma once
// Every batch verb by name: the table `avt-workbench --batch VERB` dispatches on and
// `avt-workbench --help` lists. One entry per file in batch/verbs/.
#include "batch/verb_parser.h"

#include <vector>

namespace avt::batch {

const std::vector<Verb> &allVerbs();
const Verb *findVerb(const QString &name);

} // namespace avt::batch
