# Copy to packer/vars/gpu-batch.pkrvars.hcl (git ignores it) and fill in your account's values:
#   npx tsx build-amis.ts --matrix matrix/gpu-batch.json --var-file packer/vars/gpu-batch.pkrvars.hcl
# A --local rehearsal needs none of them.

# Where the build instance starts. Packer connects to it over SSH (port 22): a subnet that gives it a
# public address, or one you reach from where you run the build, and a group that lets you in.
subnet_id          = "subnet-0123456789abcdef0"
security_group_ids = ["sg-0123456789abcdef0"]

# An instance profile whose role may pull from the registry (ecr:GetAuthorizationToken and
# AmazonEC2ContainerRegistryReadOnly) and read the models' S3 prefix (s3:ListBucket, s3:GetObject).
build_instance_profile = "gpu-batch-image-build"

# The job's image: <ecr_registry>/<image_repository>:<image_tag>.
ecr_registry     = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com"
image_repository = "ml/batch-inference"
image_tag        = "2026.11.2"

# The models, from an S3 prefix, from URLs pinned by SHA-256, or both.
models_s3_uri = "s3://example-ml-models/batch-inference/v3/"
model_urls    = ""
