#define _GNU_SOURCE
// Loads libcurl with dlopen and forwards to it. The prototypes below are libcurl's stable ABI (curl/curl.h,
// curl/multi.h); only what the live transport uses is declared.

#include "CCurlShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef void CURL;
typedef void CURLM;
typedef int CURLcode;
typedef int CURLMcode;

// struct CURLMsg from curl/multi.h.
typedef struct {
  int msg;  // CURLMSG_DONE is 1
  CURL *easy_handle;
  union {
    void *whatever;
    CURLcode result;
  } data;
} acs_curl_msg;

#define ACS_CURL_GLOBAL_ALL 3L
#define ACS_CURLMSG_DONE 1

static struct {
  CURLcode (*global_init)(long);
  char *(*version)(void);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *);
  void (*easy_reset)(CURL *);
  CURLcode (*easy_perform)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  CURLcode (*easy_setopt)(CURL *, int, ...);
  CURLcode (*easy_getinfo)(CURL *, int, ...);
  void *(*slist_append)(void *, const char *);
  void (*slist_free_all)(void *);
  CURLM *(*multi_init)(void);
  CURLMcode (*multi_cleanup)(CURLM *);
  CURLMcode (*multi_setopt)(CURLM *, int, ...);
  CURLMcode (*multi_add_handle)(CURLM *, CURL *);
  CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
  CURLMcode (*multi_perform)(CURLM *, int *);
  CURLMcode (*multi_poll)(CURLM *, void *, unsigned int, int, int *);
  CURLMcode (*multi_wakeup)(CURLM *);
  acs_curl_msg *(*multi_info_read)(CURLM *, int *);
} curl;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static int load_state = 0;  // 0 not tried, 1 loaded, -1 failed
static char load_message[512];

static const char *const library_names[] = {
    "libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4", NULL,
};

#define BIND(field, symbol)                                                                      \
  do {                                                                                           \
    *(void **)(&curl.field) = dlsym(handle, symbol);                                             \
    if (curl.field == NULL) {                                                                    \
      snprintf(load_message, sizeof load_message,                                                \
               "%s has no %s: libcurl 7.68 or later is needed", loaded_name, symbol);            \
      return -1;                                                                                 \
    }                                                                                            \
  } while (0)

static int load_locked(const char *path) {
  void *handle = NULL;
  const char *loaded_name = NULL;
  const char *error = NULL;
  if (path != NULL && path[0] != '\0') {
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    loaded_name = path;
    if (handle == NULL) error = dlerror();
  } else {
    for (int i = 0; library_names[i] != NULL && handle == NULL; i++) {
      handle = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
      loaded_name = library_names[i];
      if (handle == NULL && error == NULL) error = dlerror();
    }
  }
  if (handle == NULL) {
    snprintf(load_message, sizeof load_message,
             "cannot load libcurl (%s); install libcurl4 (it ships with the Swift toolchain's dependencies)",
             error != NULL ? error : "not found");
    return -1;
  }
  BIND(global_init, "curl_global_init");
  BIND(version, "curl_version");
  BIND(easy_init, "curl_easy_init");
  BIND(easy_cleanup, "curl_easy_cleanup");
  BIND(easy_reset, "curl_easy_reset");
  BIND(easy_perform, "curl_easy_perform");
  BIND(easy_strerror, "curl_easy_strerror");
  BIND(easy_setopt, "curl_easy_setopt");
  BIND(easy_getinfo, "curl_easy_getinfo");
  BIND(slist_append, "curl_slist_append");
  BIND(slist_free_all, "curl_slist_free_all");
  BIND(multi_init, "curl_multi_init");
  BIND(multi_cleanup, "curl_multi_cleanup");
  BIND(multi_setopt, "curl_multi_setopt");
  BIND(multi_add_handle, "curl_multi_add_handle");
  BIND(multi_remove_handle, "curl_multi_remove_handle");
  BIND(multi_perform, "curl_multi_perform");
  BIND(multi_poll, "curl_multi_poll");
  BIND(multi_wakeup, "curl_multi_wakeup");
  BIND(multi_info_read, "curl_multi_info_read");
  if (curl.global_init(ACS_CURL_GLOBAL_ALL) != 0) {
    snprintf(load_message, sizeof load_message, "%s loaded, but curl_global_init failed",
             loaded_name);
    return -1;
  }
  return 0;
}

int acs_load(const char *path, char *message, size_t size) {
  pthread_mutex_lock(&load_lock);
  if (load_state == 0) load_state = load_locked(path) == 0 ? 1 : -1;
  int state = load_state;
  pthread_mutex_unlock(&load_lock);
  if (state == 1) return 0;
  if (message != NULL && size > 0) snprintf(message, size, "%s", load_message);
  return -1;
}

const char *acs_version(void) { return curl.version(); }

void *acs_easy_init(void) { return curl.easy_init(); }
void acs_easy_cleanup(void *easy) { curl.easy_cleanup(easy); }
void acs_easy_reset(void *easy) { curl.easy_reset(easy); }
int acs_easy_perform(void *easy) { return curl.easy_perform(easy); }
const char *acs_easy_strerror(int code) { return curl.easy_strerror(code); }

int acs_setopt_long(void *easy, int option, long value) {
  return curl.easy_setopt(easy, option, value);
}
int acs_setopt_pointer(void *easy, int option, const void *value) {
  return curl.easy_setopt(easy, option, value);
}
int acs_setopt_offset(void *easy, int option, int64_t value) {
  return curl.easy_setopt(easy, option, (long long)value);
}
int acs_setopt_data_fn(void *easy, int option, acs_data_fn fn) {
  return curl.easy_setopt(easy, option, fn);
}

int acs_getinfo_long(void *easy, int info, long *value) {
  return curl.easy_getinfo(easy, info, value);
}
int acs_getinfo_offset(void *easy, int info, int64_t *value) {
  long long v = 0;
  int rc = curl.easy_getinfo(easy, info, &v);
  *value = (int64_t)v;
  return rc;
}
int acs_getinfo_string(void *easy, int info, const char **value) {
  return curl.easy_getinfo(easy, info, value);
}

void *acs_slist_append(void *list, const char *line) { return curl.slist_append(list, line); }
void acs_slist_free_all(void *list) { curl.slist_free_all(list); }

void *acs_multi_init(void) { return curl.multi_init(); }
void acs_multi_cleanup(void *multi) { curl.multi_cleanup(multi); }
int acs_multi_setopt_long(void *multi, int option, long value) {
  return curl.multi_setopt(multi, option, value);
}
int acs_multi_add(void *multi, void *easy) { return curl.multi_add_handle(multi, easy); }
int acs_multi_remove(void *multi, void *easy) { return curl.multi_remove_handle(multi, easy); }
int acs_multi_perform(void *multi, int *running) { return curl.multi_perform(multi, running); }
int acs_multi_poll(void *multi, int timeout_ms, int *ready) {
  return curl.multi_poll(multi, NULL, 0, timeout_ms, ready);
}
int acs_multi_wakeup(void *multi) { return curl.multi_wakeup(multi); }

int acs_multi_next_done(void *multi, void **easy, int *result) {
  int left = 0;
  acs_curl_msg *m;
  while ((m = curl.multi_info_read(multi, &left)) != NULL) {
    if (m->msg == ACS_CURLMSG_DONE) {
      *easy = m->easy_handle;
      *result = m->data.result;
      return 1;
    }
  }
  return 0;
}

void acs_name_this_thread(const char *name) {
#ifdef __linux__
  pthread_setname_np(pthread_self(), name);
#else
  (void)name;
#endif
}
