/**
 * On-start lifecycle script that stops the notebook after `idleMinutes` without kernel activity.
 * Offline-safe: it uses only what the notebook image ships (python3, the AWS CLI) and reaches
 * SageMaker through the VPC endpoint by private DNS; it downloads nothing.
 */
export function idleStopScript(idleMinutes: number, region: string): string {
  return `#!/bin/bash
set -euo pipefail
cat > /usr/local/bin/idle-stop.py <<'PY'
import json, ssl, subprocess, sys, time, urllib.request
from datetime import datetime, timezone

IDLE_SECONDS = int(sys.argv[1]) * 60
context = ssl._create_unverified_context()  # the local Jupyter server's self-signed certificate

def last_activity():
    with urllib.request.urlopen("https://127.0.0.1:8443/api/sessions", context=context, timeout=10) as reply:
        sessions = json.load(reply)
    latest = None
    for session in sessions:
        kernel = session.get("kernel") or {}
        if kernel.get("execution_state") == "busy":
            return time.time()
        stamp = kernel.get("last_activity")
        if stamp:
            seen = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
            latest = seen if latest is None else max(latest, seen)
    if latest is None:
        with open("/proc/uptime") as uptime:
            latest = time.time() - float(uptime.read().split()[0])
    return latest

if time.time() - last_activity() > IDLE_SECONDS:
    with open("/opt/ml/metadata/resource-metadata.json") as metadata:
        name = json.load(metadata)["ResourceName"]
    subprocess.run(["aws", "sagemaker", "stop-notebook-instance", "--region", "${region}",
                    "--notebook-instance-name", name], check=True)
PY
# cron's PATH is minimal: name where the notebook image keeps the AWS CLI.
printf 'PATH=/usr/local/bin:/usr/bin:/bin:/home/ec2-user/anaconda3/bin\\n' > /etc/cron.d/idle-stop
echo "*/5 * * * * root /usr/bin/python3 /usr/local/bin/idle-stop.py ${idleMinutes} >> /var/log/idle-stop.log 2>&1" >> /etc/cron.d/idle-stop
`;
}
