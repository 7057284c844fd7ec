#include "model/runtime/cpu_threads.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <string>

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#define AVT_HAVE_DLSYM 1
#endif

namespace avt::model {

namespace {

// OpenBLAS's run-time controls (cblas.h), found in whatever the process has loaded.
struct OpenBlasApi {
    int (*getParallel)() = nullptr; // 0 sequential, 1 pthreads, 2 OpenMP
    int (*getNumThreads)() = nullptr;
    void (*setNumThreads)(int) = nullptr;
    char *(*getConfig)() = nullptr;

    bool present() const { return getParallel && getNumThreads && setNumThreads; }
};

const OpenBlasApi &openBlas()
{
    static const OpenBlasApi api = [] {
        OpenBlasApi a;
#ifdef AVT_HAVE_DLSYM
        a.getParallel = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        a.getNumThreads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        a.setNumThreads = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        a.getConfig = reinterpret_cast<char *(*)()>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
#endif
        return a;
    }();
    return api;
}

// AVT_BLAS_THREADS, when set to a positive integer; else 1.
int pthreadsBlasThreads()
{
    const char *env = std::getenv("AVT_BLAS_THREADS");
    if (!env || !*env)
        return 1;
    char *end = nullptr;
    const long n = std::strtol(env, &end, 10);
    return (end && *end == '\0' && n >= 1 && n <= 4096) ? int(n) : 1;
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
        s.pop_back();
    return s;
}

} // namespace

std::string CpuThreads::summary() const
{
    std::string s = std::to_string(intraOp) + (intraOp == 1 ? " LibTorch thread" : " LibTorch threads") + "; BLAS: ";
    if (!openBlas)
        return s + "not OpenBLAS (threads managed by LibTorch or the BLAS itself)";
    s += blasConfig.empty() ? std::string("OpenBLAS") : blasConfig;
    switch (blasThreading) {
    case BlasThreading::Pthreads:
        s += ", pthreads build, " + std::to_string(blasThreads) + (blasThreads == 1 ? " thread" : " threads");
        break;
    case BlasThreading::OpenMP: s += ", OpenMP build (shares LibTorch's threads)"; break;
    case BlasThreading::Sequential: s += ", single-threaded build"; break;
    case BlasThreading::Unknown: s += ", threading unknown"; break;
    }
    return s;
}

std::string CpuThreads::blasShort() const
{
    if (!openBlas)
        return "not OpenBLAS";
    switch (blasThreading) {
    case BlasThreading::Pthreads: return "OpenBLAS pthreads x" + std::to_string(blasThreads);
    case BlasThreading::OpenMP: return "OpenBLAS OpenMP";
    case BlasThreading::Sequential: return "OpenBLAS sequential";
    case BlasThreading::Unknown: break;
    }
    return "OpenBLAS";
}

CpuThreads currentCpuThreads()
{
    CpuThreads t;
    t.intraOp = at::get_num_threads();
    const OpenBlasApi &api = openBlas();
    if (!api.present())
        return t;
    t.openBlas = true;
    switch (api.getParallel()) {
    case 0: t.blasThreading = BlasThreading::Sequential; break;
    case 1: t.blasThreading = BlasThreading::Pthreads; break;
    case 2: t.blasThreading = BlasThreading::OpenMP; break;
    default: t.blasThreading = BlasThreading::Unknown; break;
    }
    t.blasThreads = api.getNumThreads();
    if (api.getConfig) {
        if (const char *c = api.getConfig())
            t.blasConfig = trimmed(c);
    }
    return t;
}

CpuThreads applyCpuThreads(int threads)
{
    if (threads > 0)
        at::set_num_threads(threads);
    const OpenBlasApi &api = openBlas();
    if (api.present() && api.getParallel() == 1)
        api.setNumThreads(pthreadsBlasThreads());
    return currentCpuThreads();
}

ScopedBlasThreads::ScopedBlasThreads(int threads)
{
    const OpenBlasApi &api = openBlas();
    if (threads < 1 || !api.present() || api.getParallel() != 1)
        return;
    m_previous = api.getNumThreads();
    api.setNumThreads(threads);
}

ScopedBlasThreads::~ScopedBlasThreads()
{
    if (m_previous > 0)
        openBlas().setNumThreads(m_previous);
}

} // namespace avt::model
