#ifndef ANYINT_CCURLSHIM_H
#define ANYINT_CCURLSHIM_H

// libcurl reached at run time: dlopen("libcurl.so.4") and typed wrappers around its variadic calls.
//
// No curl header is needed: the few prototypes used are libcurl's stable ABI, declared in shim.c, and the option,
// info and error numbers are declared on the Swift side (ConformanceNetwork/Curl.swift). Every function here
// except acs_load and acs_name_this_thread may be called only after acs_load() returned 0.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A body or header callback: libcurl's CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION signature.
typedef size_t (*acs_data_fn)(char *data, size_t size, size_t count, void *context);

/// Loads libcurl once (thread-safe). Returns 0, or -1 with a one-line reason in `message`.
/// `path`, when not NULL and not empty, is the only library tried (ANYINT_LIBCURL).
int acs_load(const char *path, char *message, size_t size);
/// libcurl's version string ("libcurl/7.88.1 OpenSSL/3.0.11 ..."), after a successful load.
const char *acs_version(void);

void *acs_easy_init(void);
void acs_easy_cleanup(void *easy);
void acs_easy_reset(void *easy);
int acs_easy_perform(void *easy);
const char *acs_easy_strerror(int code);

int acs_setopt_long(void *easy, int option, long value);
int acs_setopt_pointer(void *easy, int option, const void *value);
int acs_setopt_offset(void *easy, int option, int64_t value);
int acs_setopt_data_fn(void *easy, int option, acs_data_fn fn);

int acs_getinfo_long(void *easy, int info, long *value);
int acs_getinfo_offset(void *easy, int info, int64_t *value);
int acs_getinfo_string(void *easy, int info, const char **value);

void *acs_slist_append(void *list, const char *line);
void acs_slist_free_all(void *list);

void *acs_multi_init(void);
void acs_multi_cleanup(void *multi);
int acs_multi_setopt_long(void *multi, int option, long value);
int acs_multi_add(void *multi, void *easy);
int acs_multi_remove(void *multi, void *easy);
int acs_multi_perform(void *multi, int *running);
int acs_multi_poll(void *multi, int timeout_ms, int *ready);
int acs_multi_wakeup(void *multi);
/// Reads one finished transfer: returns 1 and sets `easy` and `result`, or 0 when none is left.
int acs_multi_next_done(void *multi, void **easy, int *result);

/// Names the calling thread (top, perf and gdb show it); a no-op where that is not supported.
void acs_name_this_thread(const char *name);

#ifdef __cplusplus
}
#endif

#endif
