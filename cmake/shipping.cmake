# Shipping driftcheck: the git revision --version prints, what
# `cmake --install` puts where, the man page, and the Debian package (CPack).

include(GNUInstallDirs)

# --- The git revision, computed at every build (not at configure time), so a
# commit after configuring still shows. Only the executable relinks.
set(DRIFTCHECK_REVISION "" CACHE STRING
    "Revision --version prints when the sources are neither a git checkout nor a git archive")
set(DRIFTCHECK_REVISION_FILE ${CMAKE_BINARY_DIR}/generated/revision.cc)
add_custom_target(driftcheck_revision
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${DRIFTCHECK_REVISION_FILE}
          -DREVISION_OVERRIDE=${DRIFTCHECK_REVISION} -P ${CMAKE_SOURCE_DIR}/cmake/revision.cmake
  BYPRODUCTS ${DRIFTCHECK_REVISION_FILE}
  COMMENT "Reading the git revision"
  VERBATIM)
target_sources(driftcheck PRIVATE ${DRIFTCHECK_REVISION_FILE})
add_dependencies(driftcheck driftcheck_revision)

# --- The man page, generated from docs/manual.md by scripts/md2man (a small,
# tested converter for the Markdown the manual uses). Part of `all`, not of
# the driftcheck target, so `make demo` never waits for it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(DRIFTCHECK_MAN_PAGE ${CMAKE_BINARY_DIR}/man/driftcheck.1)
add_custom_command(
  OUTPUT ${DRIFTCHECK_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/md2man --name driftcheck --section 1
          --source "driftcheck ${PROJECT_VERSION}" -o ${DRIFTCHECK_MAN_PAGE}
          ${CMAKE_SOURCE_DIR}/docs/manual.md
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/manual.md ${CMAKE_SOURCE_DIR}/scripts/md2man
  COMMENT "Generating the man page from docs/manual.md"
  VERBATIM)
# Installed compressed, as Debian policy asks (lintian: uncompressed-manual-page);
# -n leaves out the name and time stamp, so the .gz is the same at every build.
add_custom_command(
  OUTPUT ${DRIFTCHECK_MAN_PAGE}.gz
  COMMAND sh -c "gzip -9n -c \"$0\" > \"$1\"" ${DRIFTCHECK_MAN_PAGE} ${DRIFTCHECK_MAN_PAGE}.gz
  DEPENDS ${DRIFTCHECK_MAN_PAGE}
  COMMENT "Compressing the man page"
  VERBATIM)
add_custom_target(driftcheck_man ALL DEPENDS ${DRIFTCHECK_MAN_PAGE} ${DRIFTCHECK_MAN_PAGE}.gz)

# --- What `cmake --install build --prefix P` (and `make install`) installs.
# Installing needs the binary and the man page, not the test suite.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
install(TARGETS driftcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${DRIFTCHECK_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/completions/driftcheck.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME driftcheck)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/driftcheck/schemas
        FILES_MATCHING PATTERN "*.json")

# --- `make deb`: a Debian package with CPack. Its Depends are computed by
# dpkg-shlibdeps from the libraries the binary links (libgit2, yaml-cpp,
# Boost.Program_options, fmt, toml++, RE2), never listed by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME driftcheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "driftcheck maintainers <driftcheck@users.noreply.github.com>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "driftcheck maintainers <driftcheck@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "catch configuration drift between environments before it reaches users")
# The extended description only: CPack puts the summary above it as the
# synopsis and indents each line (lintian: description-synopsis-is-duplicated);
# no line may start with a dot.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "driftcheck reads each environment's configuration (YAML, JSON, dotenv, Java
properties, INI, TOML, tfvars) straight from git revisions, normalizes it
against a schema so cosmetic differences vanish, and reports every
difference that no accountable allow rule accepts, as text, JSON, JUnit,
SARIF, GitHub annotations, GitLab Code Quality or Markdown.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
include(CPack)

if(BUILD_TESTING)
  add_test(NAME md2man COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/scripts/md2man_test.py)
endif()
