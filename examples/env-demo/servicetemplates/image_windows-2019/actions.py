from JumpScale import j

ActionsBase = j.atyourservice.getActionsBaseClass()


class Actions(ActionsBase):

    def configure(self, serviceObj):
        from CloudscalerLibcloud.imageutil import registerImage
        name = 'Windows Server 2019 Standard'
        registerImage(serviceObj, name, 'Windows', 25, username='Cloudscalers', bootType='uefi')
