# Sourced by scripts/run-server.sh and bench/groupchat-server.sh: the JVM sizing of a groupchat
# node (README, "Server sizing"). A 1 GB heap, fixed: WildFly's default of 512 MB left the
# collector running most of the time under load. The parallel collector: on two cores G1's young
# pauses were twice as long. Transparent huge pages for the heap (2 MB instead of 4 KB): a young
# pause reads all over the heap, and those pauses got a fifth shorter.
# JBOSS_JAVA_SIZING, when set, overrides it.
export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:MetaspaceSize=256m -XX:+AlwaysPreTouch}"
