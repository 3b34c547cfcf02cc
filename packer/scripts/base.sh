#!/usr/bin/env bash
# Base image for the Spark launcher's clusters on Amazon Linux (2 for HVM, 2018.03 for PV):
# security patches, Python, Java, Ganglia, pssh and the tools the launcher runs on every node.
set -euxo pipefail

sudo yum clean all
sudo yum update -y --security

# EPEL carries Ganglia and pssh. Amazon Linux 2 enables it through amazon-linux-extras;
# Amazon Linux 2018.03 ships the repository definition disabled.
if command -v amazon-linux-extras >/dev/null 2>&1; then
  sudo amazon-linux-extras install -y epel
else
  sudo yum-config-manager --enable epel
fi

sudo yum install -y \
  python3 python3-pip \
  java-1.8.0-openjdk-devel \
  ganglia ganglia-gmond ganglia-gmetad ganglia-web httpd \
  pssh \
  git rsync screen tmux htop sysstat xfsprogs mdadm unzip wget curl

# The launcher starts gmond/gmetad itself with a cluster-specific configuration.
sudo chkconfig gmond off || true
sudo chkconfig gmetad off || true

# Root login over SSH is how the launcher drives the cluster; keep the key-only policy.
sudo sed -i 's/^#\?PermitRootLogin.*/PermitRootLogin without-password/' /etc/ssh/sshd_config

# Large clusters open many files and connections.
echo '* soft nofile 1000000' | sudo tee /etc/security/limits.d/90-cluster.conf
echo '* hard nofile 1000000' | sudo tee -a /etc/security/limits.d/90-cluster.conf

# Leave no host keys, shell history or cloud-init state in the image.
sudo rm -f /etc/ssh/ssh_host_*key* /root/.bash_history "$HOME/.bash_history"
sudo rm -rf /var/lib/cloud/instances/*
sudo yum clean all
