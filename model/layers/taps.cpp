#include "model/layers/taps.h"

namespace avt::model {

namespace {
thread_local TapScope *t_scope = nullptr;
}

TapScope::TapScope(std::set<std::string> names) : m_names(std::move(names)), m_previous(t_scope) { t_scope = this; }

TapScope::~TapScope() { t_scope = m_previous; }

at::Tensor TapScope::get(const std::string &name) const
{
    const auto it = m_tensors.find(name);
    return it == m_tensors.end() ? at::Tensor() : it->second;
}

bool tapsActive() { return t_scope != nullptr; }

void tapTensor(const std::string &name, const at::Tensor &t)
{
    TapScope *s = t_scope;
    if (!s || !s->wants(name))
        return;
    if (!s->m_tensors.count(name))
        s->m_order.push_back(name);
    s->record(name, t);
}

} // namespace avt::model
