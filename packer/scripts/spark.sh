#!/usr/bin/env bash
# Spark image: the base image plus one Spark and Hadoop version, set in the matrix
# (SPARK_VERSION, HADOOP_VERSION), unpacked in /root/spark with its configuration folder ready.
set -euxo pipefail
: "${SPARK_VERSION:?set variables.spark_version in the matrix}"
: "${HADOOP_VERSION:?set variables.hadoop_version in the matrix}"

archive="spark-${SPARK_VERSION}-bin-hadoop${HADOOP_VERSION}"
url="https://archive.apache.org/dist/spark/spark-${SPARK_VERSION}/${archive}.tgz"

cd /tmp
wget --no-verbose --tries=5 "$url" "$url.sha512"
# Apache's checksum files come in two layouts; compare the digests alone.
expected=$(tr -d ' \n' < "${archive}.tgz.sha512" | sed 's/.*://' | tr 'A-F' 'a-f')
actual=$(sha512sum "${archive}.tgz" | cut -d' ' -f1)
[ "$expected" = "$actual" ] || { echo "checksum mismatch for ${archive}.tgz" >&2; exit 1; }

sudo tar -xzf "${archive}.tgz" -C /root
sudo ln -sfn "/root/${archive}" /root/spark
sudo cp /root/spark/conf/spark-env.sh.template /root/spark/conf/spark-env.sh
echo 'export JAVA_HOME=/usr/lib/jvm/java' | sudo tee -a /root/spark/conf/spark-env.sh
echo "export SPARK_VERSION=${SPARK_VERSION}" | sudo tee /etc/profile.d/spark.sh
echo 'export PATH=$PATH:/root/spark/bin' | sudo tee -a /etc/profile.d/spark.sh
rm -f "${archive}.tgz" "${archive}.tgz.sha512"
