#pragma once
// AVT_SIMD_CLONES: compile a hot function twice, for baseline x86-64 and for AVX2 + FMA
// (x86-64-v3), and pick one at load time (GCC/Clang function multi-versioning). Elsewhere
// it expands to nothing. Functions marked with it should keep their hot loops inside
// themselves (helpers marked AVT_ALWAYS_INLINE) so that the whole loop gets the wider ISA.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && defined(__linux__)
#define AVT_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define AVT_SIMD_CLONES
#endif

#if defined(__GNUC__) || defined(__clang__)
#define AVT_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define AVT_ALWAYS_INLINE inline
#endif
