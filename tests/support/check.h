#pragma once
// A dependency-free test harness for model/ tests (which must also build where there is
// no Qt). Usage:
//
//   AVT_TEST(ast_shapes) { CHECK(x.size(0) == 2); CHECK_CLOSE(a, b, 1e-4); }
//   int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
//
// Each test runs in order; a failed CHECK records the failure and the test goes on. The run
// ends with the line "N passed, N failed". Pass a substring as argv[1] to run only the tests
// whose name contains it.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace avt::test {

struct Case {
    const char *name;
    std::function<void()> fn;
};

inline std::vector<Case> &registry()
{
    static std::vector<Case> cases;
    return cases;
}

inline int &failures()
{
    static int n = 0;
    return n;
}

struct Registrar {
    Registrar(const char *name, std::function<void()> fn) { registry().push_back({name, std::move(fn)}); }
};

inline void fail(const char *file, int line, const std::string &what)
{
    ++failures();
    std::fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what.c_str());
}

inline int runAll(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : nullptr;
    int passed = 0, failed = 0;
    for (const Case &c : registry()) {
        if (filter && !std::strstr(c.name, filter))
            continue;
        // Named before it runs and flushed, so a crash (where buffered output is lost) still
        // shows which test it was.
        std::printf("RUN  %s\n", c.name);
        std::fflush(stdout);
        const int before = failures();
        const auto t0 = std::chrono::steady_clock::now();
        try {
            c.fn();
        } catch (const std::exception &e) {
            fail(__FILE__, __LINE__, std::string("uncaught exception: ") + e.what());
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        const bool ok = failures() == before;
        std::printf("%s %s (%.0f ms)\n", ok ? "PASS" : "FAIL", c.name, ms);
        std::fflush(stdout);
        (ok ? passed : failed)++;
    }
    if (filter && passed + failed == 0) {
        // A filter that selects nothing is a mistake (a renamed test, a typo), never a pass.
        std::fprintf(stderr, "no test name contains '%s'\n", filter);
        std::printf("0 passed, 1 failed\n");
        return 1;
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

} // namespace avt::test

#define AVT_TEST(name)                                                                                                 \
    static void avt_test_##name();                                                                                     \
    static ::avt::test::Registrar avt_registrar_##name(#name, avt_test_##name);                                        \
    static void avt_test_##name()

// LibTorch 2.x's c10/util/logging_is_not_google_glog.h defines a glog-style CHECK (1.13's
// headers do not); in a test file ours is the one meant, so it replaces that one.
#ifdef CHECK
#undef CHECK
#endif
#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            ::avt::test::fail(__FILE__, __LINE__, "CHECK(" #cond ")");                                                 \
    } while (0)

#define CHECK_CLOSE(a, b, tol)                                                                                         \
    do {                                                                                                               \
        const double avt_a_ = double(a), avt_b_ = double(b);                                                           \
        if (!(std::abs(avt_a_ - avt_b_) <= double(tol)))                                                               \
            ::avt::test::fail(__FILE__, __LINE__,                                                                      \
                              std::string(#a " = ") + std::to_string(avt_a_) + ", " #b " = " + std::to_string(avt_b_)  \
                                  + ", tolerance " #tol);                                                              \
    } while (0)

#define CHECK_THROWS(expr)                                                                                             \
    do {                                                                                                               \
        bool avt_threw_ = false;                                                                                       \
        try {                                                                                                          \
            (void)(expr);                                                                                              \
        } catch (...) {                                                                                                \
            avt_threw_ = true;                                                                                         \
        }                                                                                                              \
        if (!avt_threw_)                                                                                               \
            ::avt::test::fail(__FILE__, __LINE__, "expected an exception from " #expr);                                \
    } while (0)
