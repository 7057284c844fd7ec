#include "core/batch/verbs.h"

namespace avt::batch {

// Verb entry points, defined in their areas.

const std::vector<Verb> &allVerbs()
{
    static const std::vector<Verb> verbs = {
    };
    return verbs;
}

const Verb *findVerb(const QString &name)
{
    for (const Verb &v : allVerbs())
        if (v.name == name)
            return &v;
    return nullptr;
}

} // namespace avt::batch
